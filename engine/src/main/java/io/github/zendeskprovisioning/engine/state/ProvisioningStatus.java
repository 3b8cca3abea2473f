package io.github.zendeskprovisioning.engine.state;

public enum ProvisioningStatus {
    SUCCESS("Success"), FAILURE("Failure"), SKIPPED("Skipped"), WARNING("Warning");

    private final String label;

    ProvisioningStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static ProvisioningStatus fromLabel(String label) {
        for (ProvisioningStatus s : values()) {
            if (s.label.equalsIgnoreCase(label) || s.name().equalsIgnoreCase(label)) return s;
        }
        throw new IllegalArgumentException("unknown status '" + label + "' (one of Success, Failure, Skipped, Warning)");
    }
}

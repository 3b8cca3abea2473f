package io.github.zendeskprovisioning.engine.state;

/** The action of a provisioning log entry, named as Entra's provisioning logs name them. */
public enum ProvisioningAction {
    CREATE("Create"), UPDATE("Update"), DISABLE("Disable"), ENABLE("Enable"), DELETE("Delete"),
    SKIP("Skip"), STAGED_DELETE("StagedDelete"),
    /** Not one of Entra's: an operator's sync, pause, resume, restart, approval or provision on demand. */
    OPERATOR_ACTION("OperatorAction");

    private final String label;

    ProvisioningAction(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static ProvisioningAction fromLabel(String label) {
        for (ProvisioningAction a : values()) {
            if (a.label.equalsIgnoreCase(label) || a.name().equalsIgnoreCase(label)) return a;
        }
        throw new IllegalArgumentException("unknown action '" + label + "' (one of Create, Update, Disable, Enable, Delete, Skip, StagedDelete, OperatorAction)");
    }
}

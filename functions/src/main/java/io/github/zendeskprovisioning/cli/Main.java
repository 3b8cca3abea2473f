package io.github.zendeskprovisioning.cli;

public final class Main {
    public static void main(String[] args) {
        System.out.println("zendesk-provisioning");
    }
}

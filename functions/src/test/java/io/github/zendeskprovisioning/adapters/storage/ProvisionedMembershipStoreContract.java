package io.github.zendeskprovisioning.adapters.storage;

import io.github.zendeskprovisioning.engine.ports.ProvisionedMembershipStore;
import io.github.zendeskprovisioning.engine.state.ProvisionedMembership;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

abstract class ProvisionedMembershipStoreContract extends StoreContract {
    private static final Instant T = Instant.parse("2026-03-01T10:00:00.123456789Z");

    private ProvisionedMembershipStore memberships() {
        return stores().memberships();
    }

    private static ProvisionedMembership made(long group, long user) {
        return new ProvisionedMembership(group, user, T);
    }

    @Test
    void recordedMembershipsAreReadBackPerGroupOnly() {
        memberships().record(List.of(made(10, 1), made(10, 2), made(11, 1)));

        assertEquals(Set.of(1L, 2L), memberships().usersOf(10));
        assertEquals(Set.of(1L), memberships().usersOf(11));
        assertEquals(Set.of(), memberships().usersOf(12));
    }

    @Test
    void recordingTwiceAndForgettingWhatIsNotThereAreHarmless() {
        memberships().record(List.of(made(10, 1), made(10, 1)));
        memberships().record(List.of(made(10, 1)));
        memberships().forget(10, List.of(1L, 99L));
        memberships().forget(10, List.of(1L));
        memberships().forget(77, List.of(1L));
        memberships().forget(10, List.of());
        memberships().record(List.of());

        assertEquals(Set.of(), memberships().usersOf(10));
    }

    @Test
    void moreThanOneTransactionOfMembershipsIsRecordedAndForgottenWhole() {
        List<ProvisionedMembership> many = new ArrayList<>();
        LongStream.rangeClosed(1, 250).forEach(u -> many.add(made(5, u)));
        memberships().record(many);

        assertEquals(250, memberships().usersOf(5).size());
        List<Long> first200 = new ArrayList<>();
        LongStream.rangeClosed(1, 200).forEach(first200::add);
        memberships().forget(5, first200);

        Set<Long> left = new HashSet<>();
        LongStream.rangeClosed(201, 250).forEach(left::add);
        assertEquals(left, memberships().usersOf(5));
    }

    @Test
    void aMembershipWithoutPositiveIdsIsRefusedWithTheIds() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> made(0, 3));
        assertEquals(true, e.getMessage().contains("0 and 3"), e.getMessage());
    }
}

package dev.runplane.services;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ServiceRoutingTest {

    @Test
    void pathsSplitIntoServiceAndTheRestKeptRaw() {
        assertThat(ServicePath.parse("/default/web/a%20b/c?x=1")).hasValue(new ServicePath("default", "web",
                "/a%20b/c", "?x=1"));
        assertThat(ServicePath.parse("/default/web")).hasValue(new ServicePath("default", "web", "", ""));
        assertThat(ServicePath.parse("/default/web/")).hasValue(new ServicePath("default", "web", "/", ""));
        assertThat(ServicePath.parse("/")).isEmpty();
        assertThat(ServicePath.parse("/default")).isEmpty();
        assertThat(ServicePath.parse("/default//x")).isEmpty();
    }

    @Test
    void theLeastBusyReplicaIsPickedAndTiesAreSharedAtRandom() {
        Upstream a = new Upstream(1, 0, "127.0.0.1", 20000);
        Upstream b = new Upstream(2, 1, "127.0.0.1", 20001);
        Upstream c = new Upstream(3, 2, "127.0.0.1", 20002);
        a.started();
        a.started();
        b.started();
        assertThat(ServiceRoutes.pick(List.of(a, b, c), Set.of())).containsSame(c);
        assertThat(ServiceRoutes.pick(List.of(a, b, c), Set.of(c))).containsSame(b);
        assertThat(ServiceRoutes.pick(List.of(a, b, c), Set.of(a, b, c))).isEmpty();

        b.finished();
        Map<Upstream, Integer> picks = new HashMap<>();
        for (int i = 0; i < 1000; i++) {
            picks.merge(ServiceRoutes.pick(List.of(a, b, c), Set.of()).orElseThrow(), 1, Integer::sum);
        }
        assertThat(picks).doesNotContainKey(a);
        assertThat(picks.get(b)).isBetween(350, 650);
    }

    @Test
    void aDroppedReplicaStaysOutUntilItIsReadyAgain() {
        ServiceRoutes routes = new ServiceRoutes();
        Upstream a = new Upstream(1, 0, "127.0.0.1", 20000);
        Upstream b = new Upstream(2, 1, "127.0.0.1", 20001);
        Map<String, ServiceRoutes.Route> serving = Map.of("p/r", new ServiceRoutes.Route(1, "p", 7, "r", true,
                List.of(a, b)));
        Set<Long> ready = new java.util.HashSet<>(Set.of(1L, 2L));
        routes.publish(serving, ready::contains);
        assertThat(routes.find("p", "r").orElseThrow().ready()).containsExactly(a, b);
        ready.remove(2L);
        routes.drop(2);
        assertThat(routes.find("p", "r").orElseThrow().ready()).containsExactly(a);
        routes.publish(serving, ready::contains);
        assertThat(routes.find("p", "r").orElseThrow().ready()).containsExactly(a);
        assertThat(routes.find("p", "other")).isEmpty();
    }

    @Test
    void onlyRunplanesOwnCookieAndOpenParameterAreRemoved() {
        assertThat(ServiceGate.withoutCookie("a=1; runplane-service=x; b=2", ServiceGate.COOKIE)).isEqualTo("a=1; b=2");
        assertThat(ServiceGate.withoutCookie("runplane-service=x", ServiceGate.COOKIE)).isEmpty();
        assertThat(ServiceGate.withoutOpenParameter("/p/r/x?a=1&runplane-open=t&b=2")).isEqualTo("/p/r/x?a=1&b=2");
        assertThat(ServiceGate.withoutOpenParameter("/p/r/?runplane-open=t")).isEqualTo("/p/r/");
        assertThat(ServiceGate.openParameter("/p/r/?runplane-open=abc.def")).isEqualTo("abc.def");
        assertThat(ServiceGate.openParameter("/p/r/?x=1")).isNull();
    }

    @Test
    void ticketsAreBoundToTheirRunPurposeAndTime() {
        java.util.concurrent.atomic.AtomicReference<java.time.Instant> now = new java.util.concurrent.atomic
                .AtomicReference<>(java.time.Instant.parse("2026-12-02T06:00:00Z"));
        java.time.Clock clock = new java.time.Clock() {
            public java.time.ZoneId getZone() {
                return java.time.ZoneOffset.UTC;
            }

            public java.time.Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            public java.time.Instant instant() {
                return now.get();
            }
        };
        OpenTickets tickets = new OpenTickets(clock);
        String link = tickets.issueLink(7);
        assertThat(tickets.valid(link, 7, "link")).isTrue();
        assertThat(tickets.valid(link, 8, "link")).isFalse();
        assertThat(tickets.valid(link, 7, "cookie")).isFalse();
        assertThat(tickets.valid(link.substring(0, link.length() - 2) + "xx", 7, "link")).isFalse();
        assertThat(tickets.valid("8" + link.substring(1), 8, "link")).as("a changed run id breaks the signature")
                .isFalse();
        now.set(now.get().plus(OpenTickets.LINK_TTL));
        assertThat(tickets.valid(link, 7, "link")).isFalse();
        assertThat(new OpenTickets(clock).valid(tickets.issueLink(7), 7, "link")).as("another key").isFalse();
    }
}

package io.lyss.orchestrator.routing;

import io.lyss.orchestrator.governance.ChannelRoute;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.random.RandomGenerator;

/**
 * Orders the channels that may answer a request: higher priority tiers first; inside a tier, a weighted random
 * order, so that traffic splits by weight and the next channel of the tier is the first fallback.
 */
public final class ChannelRouter {

    private final RandomGenerator random;

    public ChannelRouter(RandomGenerator random) {
        this.random = random;
    }

    public List<ChannelRoute> order(List<ChannelRoute> candidates) {
        Map<Integer, List<ChannelRoute>> tiers = new TreeMap<>(Comparator.reverseOrder());
        candidates.forEach(route ->
                tiers.computeIfAbsent(route.priority(), p -> new ArrayList<>()).add(route));
        List<ChannelRoute> ordered = new ArrayList<>(candidates.size());
        tiers.values().forEach(tier -> ordered.addAll(weightedShuffle(tier)));
        return ordered;
    }

    private List<ChannelRoute> weightedShuffle(List<ChannelRoute> tier) {
        List<ChannelRoute> remaining = new ArrayList<>(tier);
        List<ChannelRoute> shuffled = new ArrayList<>(tier.size());
        while (!remaining.isEmpty()) {
            long totalWeight =
                    remaining.stream().mapToLong(ChannelRoute::weight).sum();
            long pick = random.nextLong(totalWeight);
            for (int i = 0; i < remaining.size(); i++) {
                pick -= remaining.get(i).weight();
                if (pick < 0) {
                    shuffled.add(remaining.remove(i));
                    break;
                }
            }
        }
        return shuffled;
    }
}

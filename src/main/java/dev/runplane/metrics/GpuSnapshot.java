package dev.runplane.metrics;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What {@code nvidia-smi} said about this host at one moment: which processes use which GPU and how much of its
 * memory, and how busy each GPU is. Parsed from its CSV ({@code --format=csv,noheader,nounits}); a field it cannot
 * report ({@code [N/A]}, {@code [Not Supported]}, as under MIG) is unknown, and a line that is not data (a message
 * such as "No running processes found") is skipped.
 *
 * @param processes  pid → the GPU processes of that pid (one per GPU it has a context on)
 * @param gpuPercent GPU UUID → utilisation %, where known
 */
record GpuSnapshot(Map<Long, List<GpuProcess>> processes, Map<String, Double> gpuPercent) {
    static final GpuSnapshot NONE = new GpuSnapshot(Map.of(), Map.of());
    private static final long MIB = 1024L * 1024;

    /** One line of {@code --query-compute-apps=pid,gpu_uuid,used_memory}; memory null when unknown. */
    record GpuProcess(long pid, String gpuUuid, Long usedMemoryBytes) {
    }

    /** A replica's share: null figures where nothing is known. */
    record Usage(Double utilPercent, Long memoryBytes) {
    }

    /** @param computeApps the output of {@code --query-compute-apps=pid,gpu_uuid,used_memory} */
    static Map<Long, List<GpuProcess>> parseComputeApps(String computeApps) {
        Map<Long, List<GpuProcess>> byPid = new HashMap<>();
        for (String[] f : rows(computeApps, 3)) {
            Long pid = integer(f[0]);
            if (pid == null || f[1].isEmpty()) {
                continue;
            }
            Long mib = integer(f[2]);
            byPid.computeIfAbsent(pid, k -> new java.util.ArrayList<>())
                    .add(new GpuProcess(pid, f[1], mib == null ? null : mib * MIB));
        }
        byPid.replaceAll((pid, list) -> List.copyOf(list));
        return Map.copyOf(byPid);
    }

    /** @param gpus the output of {@code --query-gpu=index,uuid,utilization.gpu} */
    static Map<String, Double> parseGpus(String gpus) {
        Map<String, Double> percent = new HashMap<>();
        for (String[] f : rows(gpus, 3)) {
            Long util = integer(f[2]);
            if (!f[1].isEmpty() && util != null) {
                percent.put(f[1], (double) util);
            }
        }
        return Map.copyOf(percent);
    }

    static GpuSnapshot parse(String computeApps, String gpus) {
        return new GpuSnapshot(parseComputeApps(computeApps), parseGpus(gpus));
    }

    /**
     * The GPU use of one replica, given its process ids: the memory its processes hold, summed, and the utilisation
     * of the GPUs they use, summed like CPU % (100 % is one GPU fully busy). nvidia-smi reports utilisation per GPU,
     * not per process, so a GPU shared by two replicas counts fully for each. Empty when none of the processes uses
     * a GPU.
     */
    Optional<Usage> usageOf(Collection<Long> pids) {
        Set<String> gpus = new LinkedHashSet<>();
        long memory = 0;
        boolean memoryKnown = false;
        for (Long pid : pids) {
            for (GpuProcess process : processes.getOrDefault(pid, List.of())) {
                gpus.add(process.gpuUuid());
                if (process.usedMemoryBytes() != null) {
                    memory += process.usedMemoryBytes();
                    memoryKnown = true;
                }
            }
        }
        if (gpus.isEmpty()) {
            return Optional.empty();
        }
        double util = 0;
        boolean utilKnown = false;
        for (String gpu : gpus) {
            Double percent = gpuPercent.get(gpu);
            if (percent != null) {
                util += percent;
                utilKnown = true;
            }
        }
        return Optional.of(new Usage(utilKnown ? util : null, memoryKnown ? memory : null));
    }

    /** The data lines with at least {@code fields} comma-separated fields, each trimmed. */
    private static List<String[]> rows(String csv, int fields) {
        if (csv == null) {
            return List.of();
        }
        return csv.lines().map(line -> line.split(",", -1)).filter(f -> f.length >= fields)
                .map(f -> {
                    for (int i = 0; i < f.length; i++) {
                        f[i] = f[i].strip();
                    }
                    return f;
                }).toList();
    }

    /** A whole number, or null for "[N/A]", "[Not Supported]" and anything else that is not one. */
    private static Long integer(String field) {
        if (field.isEmpty() || field.length() > 18 || !field.chars().allMatch(Character::isDigit)) {
            return null;
        }
        return Long.parseLong(field);
    }
}

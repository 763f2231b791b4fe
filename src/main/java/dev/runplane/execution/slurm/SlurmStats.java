package dev.runplane.execution.slurm;

import dev.runplane.execution.ResourceSample;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads {@code sstat -a -n -P -o JobID,TresUsageInTot}: one line per step ({@code 12.batch|cpu=00:01:02,mem=3144K,
 * ...}); a job's figures are the sum over its steps.
 */
final class SlurmStats {
    private SlurmStats() {
    }

    static Map<Long, ResourceSample> parse(String text) {
        Map<Long, double[]> sums = new HashMap<>();
        for (String line : text.split("\n")) {
            String[] f = line.strip().split("\\|", -1);
            if (f.length < 2 || f[0].isEmpty()) {
                continue;
            }
            long job;
            try {
                job = Long.parseLong(f[0].split("\\.")[0]);
            } catch (NumberFormatException e) {
                continue;
            }
            double[] sum = sums.computeIfAbsent(job, k -> new double[2]);
            for (String tres : f[1].split(",")) {
                String[] kv = tres.split("=", 2);
                if (kv.length == 2 && kv[0].equals("cpu")) {
                    sum[0] += seconds(kv[1]);
                } else if (kv.length == 2 && kv[0].equals("mem")) {
                    sum[1] += bytes(kv[1]);
                }
            }
        }
        Map<Long, ResourceSample> samples = new HashMap<>();
        sums.forEach((job, s) -> samples.put(job, new ResourceSample(s[0], (long) s[1], null, null)));
        return Map.copyOf(samples);
    }

    /** Slurm's {@code [DD-[HH:]]MM:SS[.mmm]}. */
    static double seconds(String text) {
        try {
            String t = text.strip();
            long days = 0;
            int dash = t.indexOf('-');
            if (dash > 0) {
                days = Long.parseLong(t.substring(0, dash));
                t = t.substring(dash + 1);
            }
            String[] parts = t.split(":");
            double total = 0;
            for (String part : parts) {
                total = total * 60 + Double.parseDouble(part);
            }
            return days * 86_400 + total;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** {@code 3144K}, {@code 12M}, {@code 1.5G} or plain bytes. */
    static double bytes(String text) {
        String t = text.strip();
        if (t.isEmpty()) {
            return 0;
        }
        double factor = switch (Character.toUpperCase(t.charAt(t.length() - 1))) {
            case 'K' -> 1024;
            case 'M' -> 1024 * 1024;
            case 'G' -> 1024.0 * 1024 * 1024;
            case 'T' -> 1024.0 * 1024 * 1024 * 1024;
            default -> 1;
        };
        try {
            return Double.parseDouble(factor == 1 ? t : t.substring(0, t.length() - 1)) * factor;
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}

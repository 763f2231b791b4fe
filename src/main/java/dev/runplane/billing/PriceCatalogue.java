package dev.runplane.billing;

import dev.runplane.runs.spec.RunSpec.Resources;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Price per hour of one replica, per backend: base + per CPU + per GiB of memory + per GPU. Configured under
 * {@code runplane.prices.<backend>.*}; a backend without an entry costs nothing.
 */
@ConfigurationProperties("runplane.billing")
public record PriceCatalogue(@DefaultValue("USD") String currency, Map<String, Price> prices) {
    private static final BigDecimal GIB = BigDecimal.valueOf(1024L * 1024 * 1024);

    public record Price(BigDecimal base, BigDecimal perCpu, BigDecimal perGib, BigDecimal perGpu) {
    }

    public PriceCatalogue {
        prices = prices == null ? Map.of("local", new Price(new BigDecimal("0.01"), new BigDecimal("0.04"),
                new BigDecimal("0.005"), new BigDecimal("1.00"))) : Map.copyOf(prices);
    }

    public BigDecimal pricePerHour(String backend, Resources resources) {
        Price price = prices.get(backend);
        if (price == null) {
            return BigDecimal.ZERO.setScale(6);
        }
        BigDecimal gib = BigDecimal.valueOf(resources.memoryBytes()).divide(GIB, 6, RoundingMode.HALF_UP);
        return nz(price.base())
                .add(nz(price.perCpu()).multiply(resources.cpu()))
                .add(nz(price.perGib()).multiply(gib))
                .add(nz(price.perGpu()).multiply(BigDecimal.valueOf(resources.gpu())))
                .setScale(6, RoundingMode.HALF_UP);
    }

    private static BigDecimal nz(BigDecimal value) {
        return value == null ? BigDecimal.ZERO : value;
    }
}

package dev.runplane.base;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The node's identity, taken (and its data directory locked) before anything else touches the data directory. */
@Configuration(proxyBeanMethods = false)
class NodeIdentityConfig {

    @Bean
    NodeIdentity nodeIdentity(RunplaneProperties properties) {
        return NodeIdentity.of(properties.dataDir());
    }

    /**
     * The embedded database lives in the data directory too: a second process must be stopped by our lock, with a
     * message that says so, before it reaches H2's own lock and its less helpful one.
     */
    @Bean
    static BeanFactoryPostProcessor dataSourceAfterNodeIdentity() {
        return factory -> {
            if (factory.containsBeanDefinition("dataSource")) {
                BeanDefinition dataSource = factory.getBeanDefinition("dataSource");
                String[] before = dataSource.getDependsOn();
                String[] after = before == null ? new String[1] : java.util.Arrays.copyOf(before, before.length + 1);
                after[after.length - 1] = "nodeIdentity";
                dataSource.setDependsOn(after);
            }
        };
    }
}

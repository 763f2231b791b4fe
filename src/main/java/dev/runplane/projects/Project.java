package dev.runplane.projects;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

@Table("project")
public record Project(@Id Long id, String name, String displayName, Instant createdAt) {
}

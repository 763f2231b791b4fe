package dev.runplane.projects;

import java.util.Optional;
import org.springframework.data.repository.ListCrudRepository;

interface ProjectRepository extends ListCrudRepository<Project, Long> {
    Optional<Project> findByName(String name);
}

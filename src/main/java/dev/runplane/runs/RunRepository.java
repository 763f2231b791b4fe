package dev.runplane.runs;

import java.util.Optional;
import org.springframework.data.repository.ListCrudRepository;

interface RunRepository extends ListCrudRepository<Run, Long> {
    Optional<Run> findByProjectIdAndName(long projectId, String name);
}

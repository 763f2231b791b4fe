package dev.runplane.api.admin;

import dev.runplane.api.ApiActors;
import dev.runplane.projects.MemberInfo;
import dev.runplane.projects.MemberService;
import dev.runplane.projects.Project;
import dev.runplane.projects.ProjectInfo;
import dev.runplane.projects.ProjectService;
import dev.runplane.projects.Role;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.security.Principal;
import java.util.List;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Projects and their members. Listing shows only readable projects; a foreign project answers 404. */
@RestController
@RequestMapping("/api/v1/projects")
@Tag(name = "projects", description = "projects and members")
class ProjectAdminController {
    record CreateProjectRequest(String name, String displayName, String admin) {
    }

    record ProjectList(List<ProjectInfo> projects) {
    }

    record MemberRequest(String username, String role) {
    }

    record MemberList(List<MemberInfo> members) {
    }

    private final ProjectService projects;
    private final MemberService members;

    ProjectAdminController(ProjectService projects, MemberService members) {
        this.projects = projects;
        this.members = members;
    }

    @GetMapping
    @Operation(summary = "List the projects you can read, with your role in each")
    ProjectList list(Principal principal) {
        return new ProjectList(projects.listReadable(principal.getName()));
    }

    @PostMapping
    @Operation(summary = "Create a project (global administrators); 'admin' (default: you) becomes its first ADMIN")
    ResponseEntity<ProjectInfo> create(@RequestBody CreateProjectRequest body, Principal principal,
                                       HttpServletRequest request) {
        if (body == null) {
            throw new IllegalArgumentException("body must be {\"name\": …, \"displayName\": …, \"admin\": …}");
        }
        Project created = projects.createProject(ApiActors.of(principal, request), body.name(), body.displayName(),
                body.admin());
        ProjectInfo info = new ProjectInfo(created.name(), created.displayName(), created.createdAt(), Role.ADMIN);
        return ResponseEntity.created(URI.create("/api/v1/projects/" + created.name())).body(info);
    }

    @GetMapping("/{project}/members")
    @Operation(summary = "List a project's members")
    MemberList members(@PathVariable String project, Principal principal) {
        return new MemberList(members.members(principal.getName(), project));
    }

    @PutMapping("/{project}/members")
    @Operation(summary = "Add a member or change its role (ADMIN, MANAGER, USER, VIEWER)")
    MemberList put(@PathVariable String project, @RequestBody MemberRequest body, Principal principal,
                   HttpServletRequest request) {
        if (body == null || body.username() == null || body.role() == null) {
            throw new IllegalArgumentException("body must be {\"username\": …, \"role\": \"ADMIN|MANAGER|USER|VIEWER\"}");
        }
        members.setMember(ApiActors.of(principal, request), project, body.username(), role(body.role()));
        return new MemberList(members.members(principal.getName(), project));
    }

    @DeleteMapping("/{project}/members/{username}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Remove a member; the project's last ADMIN cannot be removed")
    void remove(@PathVariable String project, @PathVariable String username, Principal principal,
                HttpServletRequest request) {
        members.removeMember(ApiActors.of(principal, request), project, username);
    }

    private static Role role(String name) {
        try {
            return Role.valueOf(name.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("role must be one of ADMIN, MANAGER, USER, VIEWER");
        }
    }
}

package io.orderflow.platform;

import io.orderflow.platform.security.Roles;
import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.AnnotationTarget;
import org.jboss.jandex.DotName;
import org.jboss.jandex.IndexView;
import org.jboss.jandex.MethodInfo;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes who may call each operation into the OpenAPI document as {@code x-roles-allowed}, read from the resource
 * methods' {@code @RolesAllowed}, {@code @Authenticated}, {@code @PermitAll} and {@code @DenyAll}. The security requirement's scopes cannot say it: a class-level
 * {@code @SecurityRequirement} leaves them empty. {@code make security-check} builds its role matrix from this.
 * {@value #ANONYMOUS} means no token is needed. Runs at build time, over the Jandex index.
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.BUILD)
public class RolesAllowedFilter implements OASFilter {

    static final String EXTENSION = "x-roles-allowed";
    static final String ANONYMOUS = "anonymous";
    /** Least to most privileged, the order every list in the document uses. */
    static final List<String> EVERYONE = List.of(ANONYMOUS, Roles.CUSTOMER, Roles.EMPLOYEE, Roles.MANAGER, Roles.ADMIN);

    private static final String API = "/api/v1/";
    private static final DotName PATH = DotName.createSimple("jakarta.ws.rs.Path");
    private static final DotName ROLES_ALLOWED = DotName.createSimple("jakarta.annotation.security.RolesAllowed");
    private static final DotName PERMIT_ALL = DotName.createSimple("jakarta.annotation.security.PermitAll");
    private static final DotName DENY_ALL = DotName.createSimple("jakarta.annotation.security.DenyAll");
    private static final DotName AUTHENTICATED = DotName.createSimple("io.quarkus.security.Authenticated");
    private static final Map<PathItem.HttpMethod, DotName> VERBS = Map.of(
            PathItem.HttpMethod.GET, DotName.createSimple("jakarta.ws.rs.GET"),
            PathItem.HttpMethod.POST, DotName.createSimple("jakarta.ws.rs.POST"),
            PathItem.HttpMethod.PUT, DotName.createSimple("jakarta.ws.rs.PUT"),
            PathItem.HttpMethod.PATCH, DotName.createSimple("jakarta.ws.rs.PATCH"),
            PathItem.HttpMethod.DELETE, DotName.createSimple("jakarta.ws.rs.DELETE"));

    private final IndexView index;

    public RolesAllowedFilter(IndexView index) {
        this.index = index;
    }

    @Override
    public void filterOpenAPI(OpenAPI api) {
        Map<String, List<String>> rolesByOperation = rolesByOperation();
        api.getPaths().getPathItems().forEach((path, item) -> {
            if (path.startsWith(API)) {
                item.getOperations().forEach((method, operation) -> annotate(method + " " + path, operation, rolesByOperation));
            }
        });
    }

    private static void annotate(String key, Operation operation, Map<String, List<String>> rolesByOperation) {
        List<String> roles = rolesByOperation.get(key);
        if (roles == null) {
            throw new IllegalStateException("No resource method found for " + key + ": RolesAllowedFilter cannot say who may call it");
        }
        operation.addExtension(EXTENSION, new ArrayList<>(roles));
    }

    /** "METHOD /path" of every resource method to the roles its annotations let in. */
    private Map<String, List<String>> rolesByOperation() {
        Map<String, List<String>> roles = new HashMap<>();
        VERBS.forEach((verb, annotation) -> {
            for (AnnotationInstance instance : index.getAnnotations(annotation)) {
                if (instance.target().kind() == AnnotationTarget.Kind.METHOD) {
                    MethodInfo method = instance.target().asMethod();
                    roles.put(verb + " " + pathOf(method), rolesOf(method));
                }
            }
        });
        return roles;
    }

    private static String pathOf(MethodInfo method) {
        String classPath = valueOf(method.declaringClass().declaredAnnotation(PATH));
        String methodPath = valueOf(method.annotation(PATH));
        String joined = ("/" + classPath + "/" + methodPath).replaceAll("/+", "/");
        return joined.length() > 1 && joined.endsWith("/") ? joined.substring(0, joined.length() - 1) : joined;
    }

    private static String valueOf(AnnotationInstance path) {
        return path == null ? "" : path.value().asString();
    }

    /** The method's own annotation wins over its class's; with neither, Quarkus lets everyone in. */
    private static List<String> rolesOf(MethodInfo method) {
        List<String> roles = allowedBy(method.declaredAnnotations());
        if (roles == null) {
            roles = allowedBy(method.declaringClass().declaredAnnotations());
        }
        return roles != null ? roles : EVERYONE;
    }

    /** The roles a security annotation among these lets in, or null when there is none. */
    private static List<String> allowedBy(List<AnnotationInstance> annotations) {
        for (AnnotationInstance annotation : annotations) {
            DotName name = annotation.name();
            if (name.equals(ROLES_ALLOWED)) {
                List<String> allowed = List.of(annotation.value().asStringArray());
                return EVERYONE.stream().filter(allowed::contains).toList();
            }
            if (name.equals(AUTHENTICATED)) {
                return EVERYONE.subList(1, EVERYONE.size());
            }
            if (name.equals(PERMIT_ALL)) {
                return EVERYONE;
            }
            if (name.equals(DENY_ALL)) {
                return List.of();
            }
        }
        return null;
    }
}

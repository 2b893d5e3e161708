package io.orderflow.platform;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

/**
 * Documents every 4xx and 5xx response that declares no content of its own as a {@link Problem}, because
 * {@link ProblemMapper} and {@link RouterProblems} answer every error that way. Resources therefore declare an
 * error response by its status and description alone. Runs at build time: the document is static.
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.BUILD)
public class ProblemResponsesFilter implements OASFilter {

    /** {@link Problem}'s {@code @Schema(name = ...)} puts it in the components even when nothing refers to it. */
    static final String PROBLEM_SCHEMA_REF = "#/components/schemas/" + Problem.SCHEMA_NAME;

    @Override
    public Operation filterOperation(Operation operation) {
        if (operation.getResponses() != null && operation.getResponses().getAPIResponses() != null) {
            operation.getResponses().getAPIResponses().forEach((status, response) -> {
                if (isError(status) && hasNoContent(response)) {
                    response.setContent(problemContent());
                }
            });
        }
        return operation;
    }

    private static boolean isError(String status) {
        return status.startsWith("4") || status.startsWith("5");
    }

    private static boolean hasNoContent(APIResponse response) {
        return response.getRef() == null
                && (response.getContent() == null || response.getContent().getMediaTypes().isEmpty());
    }

    static Content problemContent() {
        return OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE, OASFactory.createMediaType()
                .schema(OASFactory.createSchema().ref(PROBLEM_SCHEMA_REF)));
    }
}

package org.bedrockmonitor.price;

import static org.assertj.core.api.Assertions.assertThat;

import org.bedrockmonitor.price.ModelIds.Kind;
import org.bedrockmonitor.price.ModelIds.Scope;
import org.junit.jupiter.api.Test;

class ModelIdsTest {

    static final String HAIKU = "anthropic.claude-haiku-4-5-20251001-v1:0";

    @Test
    void everyGeoPrefixIsGeoGlobalIsGlobalAndNoPrefixIsInRegion() {
        for (String prefix : new String[] {"us.", "eu.", "apac.", "jp.", "au.", "ca.", "us-gov."}) {
            assertThat(ModelIds.scopeOf(prefix + HAIKU)).as(prefix).isEqualTo(Scope.GEO);
            assertThat(ModelIds.withoutScopePrefix(prefix + HAIKU)).isEqualTo(HAIKU);
        }
        assertThat(ModelIds.scopeOf("global." + HAIKU)).isEqualTo(Scope.GLOBAL);
        assertThat(ModelIds.withoutScopePrefix("global." + HAIKU)).isEqualTo(HAIKU);
        assertThat(ModelIds.scopeOf(HAIKU)).isEqualTo(Scope.IN_REGION);
        assertThat(ModelIds.withoutScopePrefix("us.us." + HAIKU)).as("one prefix only").isEqualTo("us." + HAIKU);
        assertThat(ModelIds.withoutScopePrefix("usa.model")).isEqualTo("usa.model");
    }

    @Test
    void arnsAreTakenApartByTheirResourceType() {
        ModelIds.Resolved profile = ModelIds.resolve("arn:aws:bedrock:eu-west-1:111122223333:inference-profile/eu." + HAIKU);
        assertThat(profile.kind()).isEqualTo(Kind.SYSTEM_PROFILE);
        assertThat(profile.id()).isEqualTo("eu." + HAIKU);
        assertThat(profile.baseId()).isEqualTo(HAIKU);
        assertThat(profile.scope()).isEqualTo(Scope.GEO);
        ModelIds.Resolved model = ModelIds.resolve("arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-v2:1");
        assertThat(model.kind()).isEqualTo(Kind.FOUNDATION_MODEL);
        assertThat(model.id()).isEqualTo("anthropic.claude-v2:1");
        assertThat(ModelIds.resolve("arn:aws:bedrock:us-east-1:111122223333:application-inference-profile/a1").kind())
                .isEqualTo(Kind.APPLICATION_PROFILE);
        assertThat(ModelIds.resolve("arn:aws:bedrock:us-east-1:111122223333:provisioned-model/p9").kind()).isEqualTo(Kind.PROVISIONED);
        assertThat(ModelIds.resolve("arn:aws-us-gov:bedrock:us-gov-west-1:111122223333:custom-model/x/y").kind())
                .isEqualTo(Kind.CUSTOM_MODEL);
        assertThat(ModelIds.resolve("arn:aws:sagemaker:us-east-1:111122223333:endpoint/e").kind()).isEqualTo(Kind.OTHER_ARN);
        assertThat(ModelIds.resolve("arn:broken").kind()).isEqualTo(Kind.OTHER_ARN);
        assertThat(ModelIds.resolve(HAIKU).kind()).isEqualTo(Kind.MODEL);
        assertThat(Kind.APPLICATION_PROFILE.opaque()).isTrue();
        assertThat(Kind.SYSTEM_PROFILE.opaque()).isFalse();
    }
}

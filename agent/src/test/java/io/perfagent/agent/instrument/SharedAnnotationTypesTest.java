package io.perfagent.agent.instrument;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static org.assertj.core.api.Assertions.assertThat;

import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.pool.TypePool;
import org.junit.jupiter.api.Test;

class SharedAnnotationTypesTest {

  private final SharedAnnotationTypes strategy = new SharedAnnotationTypes();

  @Test
  void agentAnnotations_resolveWithoutAnyClassFile() {
    // A provided-scope application has no class file of them; the agent's own copy stands in.
    TypePool blind = strategy.typePool(ClassFileLocator.NoOp.INSTANCE, null);
    assertThat(
            blind
                .describe(AnnotationNames.MEASURED)
                .resolve()
                .getDeclaredMethods()
                .filter(named("value")))
        .hasSize(1);
    assertThat(blind.describe(AnnotationNames.COUNTED).isResolved()).isTrue();
    assertThat(strategy.sharedCount()).isEqualTo(2);
  }

  @Test
  void shareableTypes_areParsedOnceForAllPools() {
    ClassLoader loader = getClass().getClassLoader();
    TypePool first = strategy.typePool(ClassFileLocator.ForClassLoader.of(loader), loader);
    assertThat(first.describe("java.lang.Deprecated").isResolved()).isTrue();
    assertThat(strategy.sharedCount()).isEqualTo(3);

    // A pool whose loader cannot see the type still gets the shared resolution: matching is by
    // name.
    TypePool blind = strategy.typePool(ClassFileLocator.NoOp.INSTANCE, null);
    assertThat(blind.describe("java.lang.Deprecated").resolve().getName())
        .isEqualTo("java.lang.Deprecated");
  }

  @Test
  void failedResolutions_andApplicationTypes_stayInTheirOwnPool() {
    TypePool blind = strategy.typePool(ClassFileLocator.NoOp.INSTANCE, null);
    assertThat(blind.describe(AnnotationNames.MICROMETER_TIMED).isResolved()).isFalse();
    ClassLoader loader = getClass().getClassLoader();
    TypePool pool = strategy.typePool(ClassFileLocator.ForClassLoader.of(loader), loader);
    assertThat(pool.describe(SharedAnnotationTypesTest.class.getName()).isResolved()).isTrue();
    assertThat(strategy.sharedCount()).as("the two seeded ones only").isEqualTo(2);
  }

  @Test
  void onlyTheHonouredNamesAndJdkTypesAreShareable() {
    assertThat(SharedAnnotationTypes.isShareable(AnnotationNames.WITH_SPAN)).isTrue();
    assertThat(SharedAnnotationTypes.isShareable("java.lang.Deprecated")).isTrue();
    assertThat(SharedAnnotationTypes.isShareable("com.acme.Service")).isFalse();
  }
}

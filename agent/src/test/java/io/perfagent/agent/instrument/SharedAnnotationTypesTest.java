package io.perfagent.agent.instrument;

import static org.assertj.core.api.Assertions.assertThat;

import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.pool.TypePool;
import org.junit.jupiter.api.Test;

class SharedAnnotationTypesTest {

  private final SharedAnnotationTypes strategy = new SharedAnnotationTypes();

  @Test
  void honouredAnnotationTypes_areParsedOnceForAllPools() {
    ClassLoader loader = getClass().getClassLoader();
    TypePool first = strategy.typePool(ClassFileLocator.ForClassLoader.of(loader), loader);
    assertThat(first.describe(AnnotationNames.MEASURED).isResolved()).isTrue();
    assertThat(strategy.sharedCount()).isEqualTo(1);

    // A pool whose loader cannot see the type still gets the shared resolution: matching is by name.
    TypePool blind = strategy.typePool(ClassFileLocator.NoOp.INSTANCE, null);
    assertThat(blind.describe(AnnotationNames.MEASURED).resolve().getName())
        .isEqualTo(AnnotationNames.MEASURED);
  }

  @Test
  void failedResolutions_andApplicationTypes_stayInTheirOwnPool() {
    TypePool blind = strategy.typePool(ClassFileLocator.NoOp.INSTANCE, null);
    assertThat(blind.describe(AnnotationNames.MICROMETER_TIMED).isResolved()).isFalse();
    ClassLoader loader = getClass().getClassLoader();
    TypePool pool = strategy.typePool(ClassFileLocator.ForClassLoader.of(loader), loader);
    assertThat(pool.describe(SharedAnnotationTypesTest.class.getName()).isResolved()).isTrue();
    assertThat(strategy.sharedCount()).isZero();
  }

  @Test
  void onlyTheHonouredNamesAndJdkTypesAreShareable() {
    assertThat(SharedAnnotationTypes.isShareable(AnnotationNames.WITH_SPAN)).isTrue();
    assertThat(SharedAnnotationTypes.isShareable("java.lang.Deprecated")).isTrue();
    assertThat(SharedAnnotationTypes.isShareable("com.acme.Service")).isFalse();
  }
}

package io.perfagent.agent.instrument;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.perfagent.agent.config.ConfigLoader;
import io.perfagent.agent.record.MethodRegistry;
import io.perfagent.bootstrap.Probe;
import io.perfagent.core.model.MethodSeries;
import java.lang.reflect.Proxy;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import net.bytebuddy.agent.ByteBuddyAgent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import selection.annotated.StereoBean;
import selection.async.AsyncService;
import selection.repo.JpaOwnerRepository;
import selection.repo.OwnerRepository;
import selection.shop.api.OrderService;
import selection.shop.internal.AuditService;

/**
 * The agent installed in this JVM with the pattern forms of {@code perf.instrument.methods}: globs,
 * excludes, annotation names, interfaces measured in implementations and JDK proxies, and methods
 * returning futures timed until completion.
 */
class SelectionTest {

  private static final String PATTERNS =
      "selection.shop.**.*Service#get*;selection.shop.**.*Service#place*"
          + ";!selection.shop.internal.**"
          + ";selection.repo.OwnerRepository#*"
          + ";@selection.annotated.Stereo"
          + ";selection.async.AsyncService#*"
          + ";selection.missing.Nothing#run"
          + ";selection.globrepo.*Repo#*";

  private static MethodRegistry registry;
  private static Instrumenter instrumenter;

  @BeforeAll
  static void installAgent() throws Exception {
    registry = new MethodRegistry(1000);
    Probe.install(registry);
    instrumenter =
        Instrumenter.register(
            ByteBuddyAgent.install(),
            ConfigLoader.load(
                    "perf.instrument.methods=" + PATTERNS,
                    Collections.emptyMap(),
                    Collections.emptyMap())
                .config(),
            registry);
    instrumenter.activate();
  }

  @AfterAll
  static void removeAgent() {
    instrumenter.remove();
    Probe.install(null);
  }

  @Test
  void packageAndMethodGlobs_selectMatchingMethodsOnly() {
    OrderService s = new OrderService();
    s.getOrder();
    s.placeOrder();
    s.cancelOrder();
    assertThat(calls("selection.shop.api.OrderService.getOrder")).isEqualTo(1);
    assertThat(calls("selection.shop.api.OrderService.placeOrder")).isEqualTo(1);
    assertThat(calls("selection.shop.api.OrderService.cancelOrder")).isZero();
  }

  @Test
  void exclude_winsOverAMatchingInclude() {
    assertThat(new AuditService().getEntry()).isEqualTo(4);
    assertThat(calls("selection.shop.internal.AuditService.getEntry")).isZero();
  }

  @Test
  void patternNamingAnInterface_measuresItsImplementations_includingInheritedAbstractMethods() {
    JpaOwnerRepository repo = new JpaOwnerRepository();
    assertThat(repo.findByName("x")).isEqualTo("owner x");
    assertThat(repo.count()).isEqualTo(7);
    repo.extra();
    assertThat(calls("selection.repo.JpaOwnerRepository.findByName")).isEqualTo(1);
    assertThat(calls("selection.repo.JpaOwnerRepository.count")).isEqualTo(1);
    assertThat(calls("selection.repo.JpaOwnerRepository.extra")).isZero();
  }

  @Test
  void jdkProxyOfANamedInterface_isMeasuredUnderTheInterfacesName() {
    OwnerRepository proxy =
        (OwnerRepository)
            Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {OwnerRepository.class},
                (p, m, args) -> m.getName().equals("count") ? 3 : "proxied " + args[0]);
    assertThat(proxy.findByName("y")).isEqualTo("proxied y");
    assertThat(proxy.findByName("z")).isEqualTo("proxied z");
    assertThat(proxy.count()).isEqualTo(3);
    assertThat(calls("selection.repo.OwnerRepository.findByName")).isEqualTo(2);
    assertThat(calls("selection.repo.OwnerRepository.count")).isEqualTo(1);
  }

  @Test
  void interfaceNamedByAGlob_isFollowedIntoAnImplementationLoadedBeforeIt() throws Exception {
    instrumenter.sweepLearntSupertypes(); // what other tests taught it is done with
    // By reflection, so that nothing here makes the JVM load the interface first: defining the
    // implementation loads it, after the implementation was offered to the transformer.
    Object repo = Class.forName("selection.globrepo.ItemRepoImpl").getConstructor().newInstance();
    java.lang.reflect.Method count = repo.getClass().getMethod("count");
    count.invoke(repo);
    assertThat(calls("selection.globrepo.ItemRepoImpl.count"))
        .as("the implementation was defined before its interface matched")
        .isZero();
    assertThat(instrumenter.sweepLearntSupertypes()).isEqualTo(1);
    count.invoke(repo);
    assertThat(calls("selection.globrepo.ItemRepoImpl.count")).isEqualTo(1);
  }

  @Test
  void annotationPattern_selectsThePublicMethodsOfAnnotatedClasses() {
    assertThat(new StereoBean().visible()).isEqualTo(2);
    assertThat(calls("selection.annotated.StereoBean.visible")).isEqualTo(1);
    assertThat(calls("selection.annotated.StereoBean.hidden")).isZero();
  }

  @Test
  void futureReturningMethod_isTimedUntilTheFutureCompletes() throws Exception {
    new AsyncService().slow(100).get(5, TimeUnit.SECONDS);
    MethodSeries s = awaitSeries("selection.async.AsyncService.slow", null);
    assertThat(s.calls()).isEqualTo(1);
    assertThat(s.durations().sumNanos()).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(100));
  }

  @Test
  void exceptionalCompletion_recordsTheCausesType() {
    CompletableFuture<String> f = new AsyncService().failsLater(50).toCompletableFuture();
    assertThatThrownBy(() -> f.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
    MethodSeries s =
        awaitSeries(
            "selection.async.AsyncService.failsLater", IllegalStateException.class.getName());
    assertThat(s.calls()).isEqualTo(1);
    assertThat(s.durations().sumNanos()).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(50));
  }

  @Test
  void cancelledFuture_isRecordedAsCancellation_andAPendingOneNotAtAll() {
    CompletableFuture<String> pending = new AsyncService().never();
    CompletableFuture<String> cancelled = new AsyncService().never();
    assertThat(calls("selection.async.AsyncService.never")).isZero();
    cancelled.cancel(true);
    assertThat(
            find(
                    "selection.async.AsyncService.never",
                    java.util.concurrent.CancellationException.class.getName())
                .calls())
        .isEqualTo(1);
    assertThat(pending).isNotDone();
  }

  @Test
  void futureMethodThatThrows_isRecordedAtOnce() {
    assertThatThrownBy(() -> new AsyncService().throwsAtOnce())
        .isInstanceOf(UnsupportedOperationException.class);
    assertThat(
            find(
                    "selection.async.AsyncService.throwsAtOnce",
                    UnsupportedOperationException.class.getName())
                .calls())
        .isEqualTo(1);
  }

  @Test
  void patternThatMatchedNothing_getsOneLineSayingWhy() {
    List<String> lines = instrumenter.unmatchedPatterns();
    assertThat(lines)
        .anySatisfy(
            l ->
                assertThat(l)
                    .contains("'selection.missing.Nothing#run'", "no loaded class matches"));
    assertThat(lines).noneMatch(l -> l.contains("OrderService"));
  }

  private static MethodSeries awaitSeries(String function, String errorType) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    MethodSeries s = find(function, errorType);
    // The completion callback runs on the completing thread: a collection can see the error
    // type's series made and its first call not yet added (the next collection has it).
    while ((s == null || s.calls() == 0) && System.nanoTime() < deadline) {
      Thread.onSpinWait();
      s = find(function, errorType);
    }
    assertThat(s).as("series %s %s", function, errorType).isNotNull();
    return s;
  }

  private static long calls(String function) {
    MethodSeries s = find(function, null);
    return s == null ? 0 : s.calls();
  }

  private static MethodSeries find(String function, String type) {
    return registry.collect().stream()
        .filter(s -> s.functionName().equals(function) && Objects.equals(s.errorType(), type))
        .findFirst()
        .orElse(null);
  }
}

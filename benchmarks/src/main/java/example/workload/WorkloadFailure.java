package example.workload;

/** A failure without a stack trace, so that throwing it is the cheapest throw the JVM knows. */
public final class WorkloadFailure extends RuntimeException {

  private static final long serialVersionUID = 1L;

  WorkloadFailure() {
    super("workload failure", null, false, false);
  }
}

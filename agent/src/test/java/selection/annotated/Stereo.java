package selection.annotated;

import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;

/** Stands for a framework stereotype such as Spring's {@code @Service}. */
@Retention(RetentionPolicy.RUNTIME)
public @interface Stereo {}

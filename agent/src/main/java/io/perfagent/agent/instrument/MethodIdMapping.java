package io.perfagent.agent.instrument;

import java.util.function.ToIntFunction;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.annotation.AnnotationDescription;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.method.ParameterDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.implementation.bytecode.assign.Assigner;
import net.bytebuddy.implementation.bytecode.constant.IntegerConstant;

/**
 * Resolves {@link MethodId} parameters to an {@code int} constant per instrumented method, so the
 * exit path indexes an array instead of looking anything up.
 */
final class MethodIdMapping implements Advice.OffsetMapping.Factory<MethodId> {

  private final ToIntFunction<MethodDescription> ids;

  MethodIdMapping(ToIntFunction<MethodDescription> ids) {
    this.ids = ids;
  }

  @Override
  public Class<MethodId> getAnnotationType() {
    return MethodId.class;
  }

  @Override
  public Advice.OffsetMapping make(
      ParameterDescription.InDefinedShape target,
      AnnotationDescription.Loadable<MethodId> annotation,
      AdviceType adviceType) {
    if (!target.getType().represents(int.class)) {
      throw new IllegalStateException("@MethodId must annotate an int parameter: " + target);
    }
    return new Advice.OffsetMapping() {
      @Override
      public Target resolve(
          TypeDescription instrumentedType,
          MethodDescription instrumentedMethod,
          Assigner assigner,
          Advice.ArgumentHandler argumentHandler,
          Sort sort) {
        return new Target.ForStackManipulation(
            IntegerConstant.forValue(ids.applyAsInt(instrumentedMethod)));
      }
    };
  }
}

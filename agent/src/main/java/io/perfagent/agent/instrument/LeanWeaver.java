package io.perfagent.agent.instrument;

import io.perfagent.agent.log.AgentLog;
import io.perfagent.annotation.Counted;
import io.perfagent.annotation.Measured;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.annotation.AnnotationDescription;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.method.ParameterDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.description.type.TypeList;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.dynamic.scaffold.InstrumentedType;
import net.bytebuddy.dynamic.scaffold.MethodGraph;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.jar.asm.AnnotationVisitor;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.pool.TypePool;
import net.bytebuddy.utility.OpenedClassReader;
import org.jspecify.annotations.Nullable;

/**
 * Weaves without Byte Buddy's type pool, method graph or agent builder: one quick ASM scan of the
 * class file (no code, no debug information) yields the type's name, its methods and the honoured
 * annotations, as a Byte Buddy {@link InstrumentedType} whose other types are names only. {@link
 * MethodSelector} selects on it exactly as on a pooled description, and Byte Buddy's {@link Advice}
 * with the id binding weaves in a single decorating pass over the class file. The agent loads about
 * 670 Byte Buddy classes instead of about 1 100 (BENCHMARKS.md, issue 12).
 *
 * <p>What this cannot see it does not need: selection reads names, modifiers and the honoured
 * annotations' {@code value()} (perf's, the optional ones, and those {@code
 * perf.instrument.methods} names with {@code @}); the advice reads no argument. Other types
 * (supertypes, parameter and return types) are described by name and read from the defining loader
 * only when something asks more of them: {@link MethodSelector} for a pattern that names a
 * supertype, {@link AsyncReturnTypes} for a timed method's return type. Then a type pool is made
 * for that class, and only then. Whether a class that declares {@code loadClass} is a class loader,
 * which needs {@link BootDelegationAdvice}, is asked of the class itself when it is being
 * redefined, else of its superclass through the defining loader, which the JVM is about to load for
 * the class anyway.
 */
final class LeanWeaver {

  private static final int ANNOTATION_MODIFIERS =
      Opcodes.ACC_PUBLIC | Opcodes.ACC_INTERFACE | Opcodes.ACC_ABSTRACT | Opcodes.ACC_ANNOTATION;

  private final Map<String, TypeDescription> honoured = new HashMap<>();
  private final Selector selector;
  private final Advice bootDelegation;
  private final ElementMatcher<MethodDescription> loadClass;
  // Only declared methods are woven: the method graph of the declared methods alone, so that the
  // decorating pass never walks (and reads the class files of) the supertypes.
  private final ByteBuddy byteBuddy =
      new ByteBuddy()
          .with(TypeValidation.DISABLED)
          .with(MethodGraph.Compiler.ForDeclaredMethods.INSTANCE);

  /** Decides per method which advice it gets (ids registered as a side effect). */
  interface Selector {
    /** Whether any method the type declares may be selected (the selector may learn the type). */
    boolean selectsAny(TypeDescription type);

    /** The advice the method is woven with, or {@code null}. */
    @Nullable Advice adviceFor(TypeDescription type, MethodDescription method);

    /**
     * The method's id when {@code advice} lets a copy take its recursion ({@link RecursionCopy}:
     * the plain timed or counted advice), else {@link RecursionCopy#PLACEHOLDER}.
     */
    int recursionId(MethodDescription method, Advice advice);
  }

  /**
   * @param annotationPatterns annotation names that patterns select by ({@code @pkg.Annotation})
   */
  LeanWeaver(
      boolean withSpan,
      boolean micrometer,
      Collection<String> annotationPatterns,
      Selector selector,
      Advice bootDelegation,
      ElementMatcher<MethodDescription> loadClass) {
    this.selector = selector;
    this.bootDelegation = bootDelegation;
    this.loadClass = loadClass;
    // The agent's own annotations as loaded (their value() is read); the others by name only.
    honoured.put(
        descriptor(AnnotationNames.MEASURED), TypeDescription.ForLoadedType.of(Measured.class));
    honoured.put(
        descriptor(AnnotationNames.COUNTED), TypeDescription.ForLoadedType.of(Counted.class));
    if (withSpan) {
      named(AnnotationNames.WITH_SPAN);
      named(AnnotationNames.WITH_SPAN_LEGACY);
    }
    if (micrometer) {
      named(AnnotationNames.MICROMETER_TIMED);
      named(AnnotationNames.MICROMETER_COUNTED);
    }
    for (String annotation : annotationPatterns) {
      if (!honoured.containsKey(descriptor(annotation))) {
        named(annotation);
      }
    }
  }

  private void named(String annotation) {
    honoured.put(
        descriptor(annotation),
        InstrumentedType.Default.of(
            annotation, TypeDescription.Generic.OBJECT, ANNOTATION_MODIFIERS));
  }

  private static String descriptor(String typeName) {
    return "L" + typeName.replace('.', '/') + ";";
  }

  /**
   * The woven class file, or {@code null} when there is nothing to weave.
   *
   * @param loader the defining loader ({@code null}: the boot loader)
   * @param redefined the class when it is being retransformed, else {@code null}
   */
  byte @Nullable [] weave(
      @Nullable ClassLoader loader, @Nullable Class<?> redefined, byte[] classFile) {
    Scan scan = new Scan(new Types(loader));
    OpenedClassReader.of(classFile)
        .accept(scan, ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
    boolean delegates = scan.declaresLoadClass && isClassLoader(loader, redefined, scan.superName);
    TypeDescription type = scan.describe();
    Map<String, Advice> advice = new HashMap<>();
    if (selector.selectsAny(type)) {
      for (MethodDescription m : type.getDeclaredMethods()) {
        Advice a = selector.adviceFor(type, m);
        if (a != null) {
          advice.put(m.getInternalName() + m.getDescriptor(), a);
        }
      }
    }
    Map<String, Integer> copies =
        recursionCopies(loader, redefined, scan.name, classFile, type, advice);
    if (advice.isEmpty() && !delegates && copies.isEmpty()) {
      return null;
    }
    if (redefined == null && !copies.isEmpty()) {
      try {
        byte[] woven = build(type, classFile, advice, delegates, copies);
        RecursionCopies.record(loader, scan.name, copies.keySet());
        return woven;
      } catch (RuntimeException copyFailed) {
        // A shape the copy does not take: measured in every frame instead, as without copies.
        AgentLog.debug("no recursion copy for " + type.getName() + ": " + copyFailed);
      }
      return build(type, classFile, advice, delegates, Map.of());
    }
    return build(type, classFile, advice, delegates, copies);
  }

  private byte[] build(
      TypeDescription type,
      byte[] classFile,
      Map<String, Advice> advice,
      boolean delegates,
      Map<String, Integer> copies) {
    DynamicType.Builder<?> builder =
        byteBuddy.decorate(type, ClassFileLocator.Simple.of(type.getName(), classFile));
    Map<Advice, Boolean> distinct = new IdentityHashMap<>();
    for (Advice a : advice.values()) {
      if (distinct.put(a, Boolean.TRUE) == null) {
        builder =
            builder.visit(a.on(m -> advice.get(m.getInternalName() + m.getDescriptor()) == a));
      }
    }
    if (delegates) {
      builder = builder.visit(bootDelegation.on(loadClass));
    }
    if (!copies.isEmpty()) {
      builder = builder.visit(new RecursionCopy(classFile, copies)); // outermost: sees the original
    }
    return builder.make(TypePool.Empty.INSTANCE).getBytes();
  }

  /**
   * The copies the class gets ({@link RecursionCopy}): when it is being defined, one per measured
   * method that calls itself; when it is retransformed, exactly those it was defined with, measured
   * where the method still is and placeholders where not (the JVM refuses a changed method set).
   */
  private Map<String, Integer> recursionCopies(
      @Nullable ClassLoader loader,
      @Nullable Class<?> redefined,
      String internalName,
      byte[] classFile,
      TypeDescription type,
      Map<String, Advice> advice) {
    Set<String> defined = redefined == null ? Set.of() : RecursionCopies.of(loader, internalName);
    if (redefined != null && defined.isEmpty()) {
      return Map.of();
    }
    Map<String, Integer> ids = new HashMap<>();
    for (MethodDescription m : type.getDeclaredMethods()) {
      String key = m.getInternalName() + m.getDescriptor();
      Advice a = advice.get(key);
      if (a != null && (redefined == null || defined.contains(key))) {
        int id = selector.recursionId(m, a);
        if (id != RecursionCopy.PLACEHOLDER) {
          ids.put(key, id);
        }
      }
    }
    Map<String, Integer> copies = new HashMap<>();
    if (!ids.isEmpty()) {
      Set<String> recursive = RecursionCopy.selfRecursive(classFile, ids.keySet());
      for (Map.Entry<String, Integer> e : ids.entrySet()) {
        if (recursive.contains(e.getKey())) {
          copies.put(e.getKey(), e.getValue());
        }
      }
    }
    for (String key : defined) {
      copies.putIfAbsent(key, RecursionCopy.PLACEHOLDER);
    }
    return copies;
  }

  /** Whether a class that declares {@code loadClass} is a class loader. */
  private static boolean isClassLoader(
      @Nullable ClassLoader loader, @Nullable Class<?> redefined, @Nullable String superName) {
    if (redefined != null) {
      return ClassLoader.class.isAssignableFrom(redefined);
    }
    if (superName == null || superName.equals("java/lang/Object")) {
      return false;
    }
    try {
      return ClassLoader.class.isAssignableFrom(
          Class.forName(superName.replace('/', '.'), false, loader));
    } catch (Throwable unresolvable) {
      return false; // a superclass that cannot load: the class cannot load either
    }
  }

  /**
   * One annotation as scanned: its type, {@code value()} when it is a string, and {@code budget()}
   * (perf's {@code @Measured}: the budget travels with the method's registration).
   */
  private static final class Annotation {
    final TypeDescription type;
    @Nullable String value;
    @Nullable String budget;

    Annotation(TypeDescription type) {
      this.type = type;
    }

    AnnotationDescription describe() {
      AnnotationDescription.Builder b = AnnotationDescription.Builder.ofType(type);
      b = define(b, "value", value);
      b = define(b, "budget", budget);
      return b.build(false);
    }

    /** Types known by name only declare no properties: nothing is defined on them. */
    private AnnotationDescription.Builder define(
        AnnotationDescription.Builder b, String property, @Nullable String text) {
      if (text == null
          || type.getDeclaredMethods().filter(m -> m.getName().equals(property)).isEmpty()) {
        return b;
      }
      return b.define(property, text);
    }
  }

  private static final class Method {
    final int access;
    final String name;
    final String descriptor;
    final List<Annotation> annotations = new ArrayList<>(1);

    Method(int access, String name, String descriptor) {
      this.access = access;
      this.name = name;
      this.descriptor = descriptor;
    }
  }

  /** Collects what selection needs; code, frames and debug information are skipped. */
  private final class Scan extends ClassVisitor {
    private final Types types;
    String name = "";
    @Nullable String superName;
    private String[] interfaces = new String[0];
    private int access;
    private final List<Annotation> annotations = new ArrayList<>(1);
    private final List<Method> methods = new ArrayList<>();
    boolean declaresLoadClass;

    Scan(Types types) {
      super(OpenedClassReader.ASM_API);
      this.types = types;
    }

    @Override
    public void visit(
        int version,
        int access,
        String name,
        @Nullable String signature,
        @Nullable String superName,
        String @Nullable [] interfaces) {
      this.access = access & 0xFFFF; // without ASM's pseudo flags (deprecated, record)
      this.name = name;
      this.superName = superName;
      if (interfaces != null) {
        this.interfaces = interfaces;
      }
    }

    @Override
    public @Nullable AnnotationVisitor visitAnnotation(String descriptor, boolean visible) {
      return collect(descriptor, annotations);
    }

    @Override
    public @Nullable MethodVisitor visitMethod(
        int access,
        String name,
        String descriptor,
        @Nullable String signature,
        String @Nullable [] exceptions) {
      if (name.equals("loadClass")
          && (descriptor.equals("(Ljava/lang/String;)Ljava/lang/Class;")
              || descriptor.equals("(Ljava/lang/String;Z)Ljava/lang/Class;"))) {
        declaresLoadClass = true;
      }
      if (name.charAt(0) == '<') {
        return null; // constructors and the type initializer are never measured
      }
      Method m = new Method(access & 0xFFFF, name, descriptor);
      methods.add(m);
      return new MethodVisitor(OpenedClassReader.ASM_API) {
        @Override
        public @Nullable AnnotationVisitor visitAnnotation(String annotation, boolean visible) {
          return collect(annotation, m.annotations);
        }
      };
    }

    private @Nullable AnnotationVisitor collect(String descriptor, List<Annotation> into) {
      TypeDescription type = honoured.get(descriptor);
      if (type == null) {
        return null; // selection reads the honoured annotations only
      }
      Annotation a = new Annotation(type);
      into.add(a);
      return new AnnotationVisitor(OpenedClassReader.ASM_API) {
        @Override
        public void visit(String property, Object value) {
          if ("value".equals(property) && value instanceof String) {
            a.value = (String) value;
          } else if ("budget".equals(property) && value instanceof String) {
            a.budget = (String) value;
          }
        }
      };
    }

    TypeDescription describe() {
      boolean isInterface = (access & Opcodes.ACC_INTERFACE) != 0;
      TypeDescription.Generic superType =
          superName == null || isInterface ? null : types.of(Type.getObjectType(superName));
      InstrumentedType type =
          InstrumentedType.Default.of(
              name.replace('/', '.'), superType, access & ~Opcodes.ACC_SUPER);
      if (interfaces.length > 0) {
        List<TypeDescription.Generic> list = new ArrayList<>(interfaces.length);
        for (String i : interfaces) {
          list.add(types.of(Type.getObjectType(i)));
        }
        type = type.withInterfaces(new TypeList.Generic.Explicit(list));
      }
      if (!annotations.isEmpty()) {
        type = type.withAnnotations(describeAll(annotations));
      }
      for (Method m : methods) {
        List<ParameterDescription.Token> parameters = new ArrayList<>();
        for (Type t : Type.getArgumentTypes(m.descriptor)) {
          parameters.add(new ParameterDescription.Token(types.of(t)));
        }
        type =
            type.withMethod(
                new MethodDescription.Token(
                    m.name,
                    m.access,
                    List.of(),
                    types.of(Type.getReturnType(m.descriptor)),
                    parameters,
                    List.of(),
                    describeAll(m.annotations),
                    null,
                    TypeDescription.Generic.UNDEFINED));
      }
      return type;
    }
  }

  private static List<AnnotationDescription> describeAll(List<Annotation> annotations) {
    List<AnnotationDescription> out = new ArrayList<>(annotations.size());
    for (Annotation a : annotations) {
      out.add(a.describe());
    }
    return out;
  }

  /**
   * Describes the types a class file names: primitives as such, {@code Object} as itself, every
   * other type by its name, read from the defining loader's class files only if something asks more
   * than the name. The type pool is made on the first such question, once per class woven.
   */
  private static final class Types {
    private final @Nullable ClassLoader loader;
    private @Nullable TypePool pool;

    Types(@Nullable ClassLoader loader) {
      this.loader = loader;
    }

    TypePool pool() {
      TypePool p = pool;
      if (p == null) {
        p = TypePool.Default.of(ClassFileLocator.ForClassLoader.of(loader));
        pool = p;
      }
      return p;
    }

    TypeDescription.Generic of(Type t) {
      switch (t.getSort()) {
        case Type.VOID:
          return TypeDescription.Generic.VOID;
        case Type.BOOLEAN:
          return TypeDescription.ForLoadedType.of(boolean.class).asGenericType();
        case Type.CHAR:
          return TypeDescription.ForLoadedType.of(char.class).asGenericType();
        case Type.BYTE:
          return TypeDescription.ForLoadedType.of(byte.class).asGenericType();
        case Type.SHORT:
          return TypeDescription.ForLoadedType.of(short.class).asGenericType();
        case Type.INT:
          return TypeDescription.ForLoadedType.of(int.class).asGenericType();
        case Type.FLOAT:
          return TypeDescription.ForLoadedType.of(float.class).asGenericType();
        case Type.LONG:
          return TypeDescription.ForLoadedType.of(long.class).asGenericType();
        case Type.DOUBLE:
          return TypeDescription.ForLoadedType.of(double.class).asGenericType();
        case Type.ARRAY:
          return TypeDescription.ArrayProjection.of(
                  of(t.getElementType()).asErasure(), t.getDimensions())
              .asGenericType();
        default:
          String name = t.getClassName();
          if (name.equals("java.lang.Object")) {
            return TypeDescription.Generic.OBJECT;
          }
          return new Named(name, this).asGenericType();
      }
    }
  }

  /**
   * A type known by name, resolved through {@link Types#pool} when more is asked. It declares no
   * type variables and no generic signature without resolving: Byte Buddy asks a superclass for its
   * type variables while weaving, and the woven code needs only erasures.
   */
  private static final class Named
      extends TypeDescription.AbstractBase.OfSimpleType.WithDelegation {
    private final String name;
    private final Types types;
    private @Nullable TypeDescription resolved;

    Named(String name, Types types) {
      this.name = name;
      this.types = types;
    }

    @Override
    public String getName() {
      return name;
    }

    @Override
    protected TypeDescription delegate() {
      TypeDescription r = resolved;
      if (r == null) {
        TypePool.Resolution found = types.pool().describe(name);
        // A class file the loader cannot find: a public class of that name and nothing else, as
        // before the pool was asked (such a type names nothing a pattern could match).
        r =
            found.isResolved()
                ? found.resolve()
                : InstrumentedType.Default.of(
                    name, TypeDescription.Generic.OBJECT, Opcodes.ACC_PUBLIC);
        resolved = r;
      }
      return r;
    }

    @Override
    public TypeList.Generic getTypeVariables() {
      return new TypeList.Generic.Empty();
    }

    @Override
    public @Nullable String getGenericSignature() {
      return null;
    }
  }
}

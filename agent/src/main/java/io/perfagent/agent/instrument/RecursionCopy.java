package io.perfagent.agent.instrument;

import io.perfagent.bootstrap.Probe;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.field.FieldDescription;
import net.bytebuddy.description.field.FieldList;
import net.bytebuddy.description.method.MethodList;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.implementation.Implementation;
import net.bytebuddy.jar.asm.AnnotationVisitor;
import net.bytebuddy.jar.asm.Attribute;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.Handle;
import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;
import net.bytebuddy.jar.asm.TypePath;
import net.bytebuddy.pool.TypePool;
import net.bytebuddy.utility.OpenedClassReader;
import org.jspecify.annotations.Nullable;

/**
 * Keeps a measured recursion about as deep as an unmeasured one. A measured frame holds the call's
 * start time, the return value and the throwable; an unmeasured {@code rec(n)} frame holds nearly
 * nothing, so a measured recursion used to overflow at 0.75 of the depth interpreted and 0.4 of it
 * compiled. Here a measured method that calls itself gets a private copy with the same name and one
 * more parameter (a {@code null} {@link Probe}, two for a long or double result): the measured
 * method, fully timed, calls the copy where it called itself, and the copy calls itself. Only the
 * outermost frame is the large one.
 *
 * <p>The copy reports each of its calls when it ends, through {@link Probe#nested} and {@link
 * Probe#nestedThrew}: counts and errors are exact, and a nested call enters the duration histogram
 * with the duration of the outermost call it ran in (MethodRecorder). Nothing else changes: the
 * same name and line numbers in stack traces, the same results and exceptions, except at the very
 * end of an exhausted stack, where a frame whose report overflows ends with that StackOverflowError
 * (the call counted in {@link Probe#lostCalls}). The copy has no local of its own: the result and
 * the throwable pass through the report call and back, so a compiled frame keeps nothing across it.
 * It is also small (a report per return, one handler that reports failures, one that counts a
 * failed report), but not small enough for C1 to inline it into itself as it does a tiny unmeasured
 * method (35 bytes; the issue's {@code rec} copy is 38): exact counts at the stack's end cost those
 * 9 bytes (BENCHMARKS.md).
 *
 * <p>Which self-calls: {@code invokestatic} of a static method, and of an instance method one that
 * cannot be overridden (private or final, or in a final class). Classes without stack map frames
 * (before Java 6) and interfaces are left as they are.
 *
 * <p>The JVM lets a class gain methods only when it is defined: copies are made then, noted in
 * {@link RecursionCopies}, and every later retransformation gives the class the same copies again
 * (measured, or an unreachable placeholder when the method is no longer measured).
 */
final class RecursionCopy implements AsmVisitorWrapper {

  static final String PROBE = Type.getInternalName(Probe.class);
  private static final String MARKER = "L" + PROBE + ";";

  private final byte[] classFile;

  /** Original name + descriptor to its method id, or {@link #PLACEHOLDER}. */
  private final Map<String, Integer> copies;

  /** The id of a copy that is only kept: the method is not measured now and never calls it. */
  static final int PLACEHOLDER = -1;

  RecursionCopy(byte[] classFile, Map<String, Integer> copies) {
    this.classFile = classFile;
    this.copies = copies;
  }

  /**
   * Of {@code candidates} (name + descriptor of measured methods), those that call themselves in a
   * way a copy can take over; empty for an interface or a class file without stack map frames.
   */
  static Set<String> selfRecursive(byte[] classFile, Set<String> candidates) {
    Eligibility scan = new Eligibility(candidates);
    // No frames: expanding them for every woven class costs start-up time, and the one shape they
    // would rule out is found while the copy is written (the class is then woven without copies).
    OpenedClassReader.of(classFile).accept(scan, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
    return scan.eligible;
  }

  /**
   * A class file with the placeholder copies its class was defined with and nothing else changed;
   * for a detached agent, whose classes must keep their methods when retransformed back.
   */
  static byte[] placeholdersOnly(byte[] classFile, Set<String> methods) {
    Map<String, Integer> placeholders = new HashMap<>();
    for (String m : methods) {
      placeholders.put(m, PLACEHOLDER);
    }
    ClassReader reader = OpenedClassReader.of(classFile);
    ClassWriter writer = new ClassWriter(reader, 0);
    reader.accept(new RecursionCopy(classFile, placeholders).new Weaving(writer), 0);
    return writer.toByteArray();
  }

  @Override
  public int mergeWriter(int flags) {
    return flags;
  }

  @Override
  public int mergeReader(int flags) {
    return flags;
  }

  @Override
  public ClassVisitor wrap(
      TypeDescription instrumentedType,
      ClassVisitor classVisitor,
      Implementation.Context implementationContext,
      TypePool typePool,
      FieldList<FieldDescription.InDefinedShape> fields,
      MethodList<?> methods,
      int writerFlags,
      int readerFlags) {
    return new Weaving(classVisitor);
  }

  /** The copy's descriptor: the original's with the marker parameter appended. */
  static String copyDescriptor(String descriptor) {
    int end = descriptor.indexOf(')');
    return descriptor.substring(0, end) + MARKER + descriptor.substring(end);
  }

  /** Slots of the marker parameter, which only tells the copy's descriptor apart. */
  private static final int MARKER_SLOTS = 1;

  /** Slots of the parameters, {@code this} included. */
  private static int parameterSlots(int access, String descriptor) {
    int slots = Type.getArgumentsAndReturnSizes(descriptor) >> 2; // counts a receiver
    return (access & Opcodes.ACC_STATIC) != 0 ? slots - 1 : slots;
  }

  /** A method whose invocations of itself its copy takes over. */
  static final class SelfCalling {
    private final String className;
    private final int classAccess;
    private final int access;
    private final String name;
    private final String descriptor;

    SelfCalling(String className, int classAccess, int access, String name, String descriptor) {
      this.className = className;
      this.classAccess = classAccess;
      this.access = access;
      this.name = name;
      this.descriptor = descriptor;
    }

    /**
     * Whether an invocation in the method's own code calls that very method, whatever the receiver.
     */
    boolean isSelfCall(
        int opcode, String owner, String called, String calledDescriptor, boolean itf) {
      if (itf
          || !owner.equals(className)
          || !called.equals(name)
          || !calledDescriptor.equals(descriptor)) {
        return false;
      }
      if ((access & Opcodes.ACC_STATIC) != 0) {
        return opcode == Opcodes.INVOKESTATIC;
      }
      boolean notOverridable =
          (access & (Opcodes.ACC_PRIVATE | Opcodes.ACC_FINAL)) != 0
              || (classAccess & Opcodes.ACC_FINAL) != 0;
      return notOverridable && (opcode == Opcodes.INVOKEVIRTUAL || opcode == Opcodes.INVOKESPECIAL);
    }

    /** Calls the copy where the method called itself: the arguments are on the stack already. */
    void callCopy(MethodVisitor mv) {
      mv.visitInsn(Opcodes.ACONST_NULL); // the marker
      boolean isStatic = (access & Opcodes.ACC_STATIC) != 0;
      mv.visitMethodInsn(
          isStatic ? Opcodes.INVOKESTATIC : Opcodes.INVOKESPECIAL,
          className,
          name,
          copyDescriptor(descriptor),
          false);
    }
  }

  /** Redirects the measured methods' self-calls to their copies and appends the copies. */
  final class Weaving extends ClassVisitor {
    private String className = "";
    private int classAccess;
    private final Set<String> copyKeys = new HashSet<>();

    Weaving(ClassVisitor next) {
      super(OpenedClassReader.ASM_API, next);
      for (String m : copies.keySet()) {
        int paren = m.indexOf('(');
        copyKeys.add(m.substring(0, paren) + copyDescriptor(m.substring(paren)));
      }
    }

    @Override
    public void visit(
        int version,
        int access,
        String name,
        @Nullable String signature,
        @Nullable String superName,
        String @Nullable [] interfaces) {
      className = name;
      classAccess = access;
      super.visit(version, access, name, signature, superName, interfaces);
    }

    @Override
    public @Nullable MethodVisitor visitMethod(
        int access,
        String name,
        String descriptor,
        @Nullable String signature,
        String @Nullable [] exceptions) {
      if (copyKeys.contains(name + descriptor)) {
        return null; // a copy an earlier transformer kept: replaced by ours at the end
      }
      MethodVisitor next = super.visitMethod(access, name, descriptor, signature, exceptions);
      Integer id = copies.get(name + descriptor);
      if (next == null || id == null || id == PLACEHOLDER) {
        return next;
      }
      return new SelfCallRedirect(
          next, new SelfCalling(className, classAccess, access, name, descriptor));
    }

    @Override
    public void visitEnd() {
      ClassReader reader = OpenedClassReader.of(classFile);
      Map<String, Integer> returns = countReturns(reader);
      reader.accept(
          new ClassVisitor(OpenedClassReader.ASM_API) {
            @Override
            public @Nullable MethodVisitor visitMethod(
                int access,
                String name,
                String descriptor,
                @Nullable String signature,
                String @Nullable [] exceptions) {
              Integer id = copies.get(name + descriptor);
              return id == null
                  ? null
                  : defineCopy(
                      access & 0xFFFF,
                      name,
                      descriptor,
                      exceptions,
                      id,
                      returns.getOrDefault(name + descriptor, 0));
            }
          },
          ClassReader.EXPAND_FRAMES);
      super.visitEnd();
    }

    /** How many return instructions each copied method has: their reports come first. */
    private Map<String, Integer> countReturns(ClassReader reader) {
      Map<String, Integer> counts = new HashMap<>();
      reader.accept(
          new ClassVisitor(OpenedClassReader.ASM_API) {
            @Override
            public @Nullable MethodVisitor visitMethod(
                int access,
                String name,
                String descriptor,
                @Nullable String signature,
                String @Nullable [] exceptions) {
              String key = name + descriptor;
              if (!copies.containsKey(key)) {
                return null;
              }
              return new MethodVisitor(OpenedClassReader.ASM_API) {
                @Override
                public void visitInsn(int opcode) {
                  if (opcode >= Opcodes.IRETURN && opcode <= Opcodes.RETURN) {
                    counts.merge(key, 1, Integer::sum);
                  }
                }
              };
            }
          },
          ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
      return counts;
    }

    private @Nullable MethodVisitor defineCopy(
        int access,
        String name,
        String descriptor,
        String @Nullable [] exceptions,
        int id,
        int returns) {
      int copyAccess =
          Opcodes.ACC_PRIVATE
              | Opcodes.ACC_SYNTHETIC
              | (access & (Opcodes.ACC_STATIC | Opcodes.ACC_SYNCHRONIZED | Opcodes.ACC_STRICT));
      MethodVisitor copy =
          super.visitMethod(copyAccess, name, copyDescriptor(descriptor), null, exceptions);
      if (copy == null) {
        return null;
      }
      if (id == PLACEHOLDER) {
        // Never called: the method it copies no longer calls it. Throws should anything try.
        copy.visitCode();
        copy.visitInsn(Opcodes.ACONST_NULL);
        copy.visitInsn(Opcodes.ATHROW);
        copy.visitMaxs(1, parameterSlots(access, descriptor) + MARKER_SLOTS);
        copy.visitEnd();
        return null;
      }
      return new CopyBody(copy, access, name, descriptor, id, returns);
    }

    /** The measured method: its self-calls go to the copy. */
    private final class SelfCallRedirect extends MethodVisitor {
      private final SelfCalling method;

      SelfCallRedirect(MethodVisitor next, SelfCalling method) {
        super(OpenedClassReader.ASM_API, next);
        this.method = method;
      }

      @Override
      public void visitMethodInsn(
          int opcode, String owner, String called, String calledDescriptor, boolean isInterface) {
        if (method.isSelfCall(opcode, owner, called, calledDescriptor, isInterface)) {
          method.callCopy(mv);
        } else {
          super.visitMethodInsn(opcode, owner, called, calledDescriptor, isInterface);
        }
      }

      @Override
      public void visitMaxs(int maxStack, int maxLocals) {
        super.visitMaxs(maxStack + MARKER_SLOTS, maxLocals);
      }
    }

    /**
     * The copy's code: the original's, with locals past the parameters moved up by the marker
     * slots, self-calls to the copy, every return reporting the call in place, and one handler
     * around it all (the last entry of the exception table, so the method's own handlers come
     * first) that reports the throwable and throws it on.
     */
    private final class CopyBody extends MethodVisitor {
      private final SelfCalling method;
      private final String name;
      private final String descriptor;
      private final int id;
      private final int parameters;
      private final Type result;
      private final Label start = new Label();
      private final Label end = new Label();
      private final Label onThrow = new Label();
      private final Label unreported = new Label();

      /** Around each return's report, in the order the returns come; declared before any other. */
      private final Label[] reports;

      private int nextReport;
      private boolean started;

      CopyBody(
          MethodVisitor copy, int access, String name, String descriptor, int id, int returns) {
        super(OpenedClassReader.ASM_API, copy);
        this.method = new SelfCalling(className, classAccess, access, name, descriptor);
        this.name = name;
        this.descriptor = descriptor;
        this.id = id;
        this.parameters = parameterSlots(access, descriptor);
        this.result = Type.getReturnType(descriptor);
        this.reports = new Label[2 * returns];
        for (int i = 0; i < reports.length; i++) {
          reports[i] = new Label();
        }
      }

      /**
       * First in the exception table, before the method's own handlers: a report that fails inside
       * one of the method's try blocks must not run the application's catch or finally.
       */
      @Override
      public void visitCode() {
        super.visitCode();
        for (int i = 0; i < reports.length; i += 2) {
          super.visitTryCatchBlock(reports[i], reports[i + 1], unreported, null);
        }
      }

      // What annotates the original stays with it: the copy must not look measured or be
      // selected, and its parameter count differs.
      @Override
      public void visitParameter(String parameter, int access) {}

      @Override
      public @Nullable AnnotationVisitor visitAnnotationDefault() {
        return null;
      }

      @Override
      public @Nullable AnnotationVisitor visitAnnotation(String annotation, boolean visible) {
        return null;
      }

      @Override
      public @Nullable AnnotationVisitor visitTypeAnnotation(
          int typeRef, @Nullable TypePath typePath, String annotation, boolean visible) {
        return null;
      }

      @Override
      public void visitAnnotableParameterCount(int parameterCount, boolean visible) {}

      @Override
      public @Nullable AnnotationVisitor visitParameterAnnotation(
          int parameter, String annotation, boolean visible) {
        return null;
      }

      @Override
      public void visitAttribute(Attribute attribute) {}

      @Override
      public @Nullable AnnotationVisitor visitInsnAnnotation(
          int typeRef, @Nullable TypePath typePath, String annotation, boolean visible) {
        return null;
      }

      @Override
      public @Nullable AnnotationVisitor visitTryCatchAnnotation(
          int typeRef, @Nullable TypePath typePath, String annotation, boolean visible) {
        return null;
      }

      @Override
      public @Nullable AnnotationVisitor visitLocalVariableAnnotation(
          int typeRef,
          @Nullable TypePath typePath,
          Label[] from,
          Label[] to,
          int[] index,
          String annotation,
          boolean visible) {
        return null;
      }

      /** Before the first instruction: the catch-all, after the method's own handlers. */
      private void begin() {
        if (!started) {
          started = true;
          super.visitTryCatchBlock(start, end, onThrow, null);
          super.visitLabel(start);
        }
      }

      private int slot(int local) {
        return local >= parameters ? local + MARKER_SLOTS : local;
      }

      @Override
      public void visitFrame(int type, int numLocal, Object[] local, int numStack, Object[] stack) {
        begin();
        if (type != Opcodes.F_NEW) {
          throw new IllegalStateException("expected expanded frames in " + name + descriptor);
        }
        Object[] locals = withMarkers(numLocal, local);
        super.visitFrame(Opcodes.F_NEW, locals.length, locals, numStack, stack);
      }

      /** The frame's locals with the marker slots (unset) after the parameters. */
      private Object[] withMarkers(int numLocal, Object[] local) {
        int slots = 0;
        for (int i = 0; i < numLocal; i++) {
          if (slots == parameters) {
            Object[] out = new Object[numLocal + MARKER_SLOTS];
            System.arraycopy(local, 0, out, 0, i);
            for (int m = 0; m < MARKER_SLOTS; m++) {
              out[i + m] = Opcodes.TOP;
            }
            System.arraycopy(local, i, out, i + MARKER_SLOTS, numLocal - i);
            return out;
          }
          slots += local[i] == Opcodes.LONG || local[i] == Opcodes.DOUBLE ? 2 : 1;
          if (slots > parameters) {
            // A parameter slot reused for a long or double that reaches past the parameters: the
            // weaver then measures this class without copies.
            throw new IllegalStateException(
                "a two-slot local spans the marker slot in " + name + descriptor);
          }
        }
        Object[] out = new Object[numLocal];
        System.arraycopy(local, 0, out, 0, numLocal);
        return out;
      }

      @Override
      public void visitInsn(int opcode) {
        begin();
        if (opcode >= Opcodes.IRETURN && opcode <= Opcodes.RETURN) {
          reportReturn(); // the result, if any, on the stack
        }
        super.visitInsn(opcode);
      }

      @Override
      public void visitIntInsn(int opcode, int operand) {
        begin();
        super.visitIntInsn(opcode, operand);
      }

      @Override
      public void visitVarInsn(int opcode, int local) {
        begin();
        super.visitVarInsn(opcode, slot(local));
      }

      @Override
      public void visitTypeInsn(int opcode, String type) {
        begin();
        super.visitTypeInsn(opcode, type);
      }

      @Override
      public void visitFieldInsn(int opcode, String owner, String field, String fieldDescriptor) {
        begin();
        super.visitFieldInsn(opcode, owner, field, fieldDescriptor);
      }

      @Override
      public void visitMethodInsn(
          int opcode, String owner, String called, String calledDescriptor, boolean isInterface) {
        begin();
        if (method.isSelfCall(opcode, owner, called, calledDescriptor, isInterface)) {
          method.callCopy(mv);
        } else {
          super.visitMethodInsn(opcode, owner, called, calledDescriptor, isInterface);
        }
      }

      @Override
      public void visitInvokeDynamicInsn(
          String indyName, String indyDescriptor, Handle bootstrap, Object... arguments) {
        begin();
        super.visitInvokeDynamicInsn(indyName, indyDescriptor, bootstrap, arguments);
      }

      @Override
      public void visitJumpInsn(int opcode, Label label) {
        begin();
        super.visitJumpInsn(opcode, label);
      }

      @Override
      public void visitLabel(Label label) {
        begin();
        super.visitLabel(label);
      }

      @Override
      public void visitLdcInsn(Object value) {
        begin();
        super.visitLdcInsn(value);
      }

      @Override
      public void visitIincInsn(int local, int increment) {
        begin();
        super.visitIincInsn(slot(local), increment);
      }

      @Override
      public void visitTableSwitchInsn(int min, int max, Label dflt, Label... labels) {
        begin();
        super.visitTableSwitchInsn(min, max, dflt, labels);
      }

      @Override
      public void visitLookupSwitchInsn(Label dflt, int[] keys, Label[] labels) {
        begin();
        super.visitLookupSwitchInsn(dflt, keys, labels);
      }

      @Override
      public void visitMultiANewArrayInsn(String arrayDescriptor, int dimensions) {
        begin();
        super.visitMultiANewArrayInsn(arrayDescriptor, dimensions);
      }

      @Override
      public void visitLineNumber(int line, Label at) {
        begin();
        super.visitLineNumber(line, at);
      }

      @Override
      public void visitLocalVariable(
          String local,
          String localDescriptor,
          @Nullable String signature,
          Label from,
          Label to,
          int index) {
        super.visitLocalVariable(local, localDescriptor, signature, from, to, slot(index));
      }

      @Override
      public void visitMaxs(int maxStack, int maxLocals) {
        begin();
        super.visitLabel(end);
        reportThrow();
        super.visitLabel(unreported);
        super.visitFrame(Opcodes.F_NEW, 0, new Object[0], 1, new Object[] {"java/lang/Throwable"});
        // Probe.lostCalls++, the error thrown on: no call, which would only overflow again.
        super.visitFieldInsn(Opcodes.GETSTATIC, PROBE, "lostCalls", "J");
        super.visitInsn(Opcodes.LCONST_1);
        super.visitInsn(Opcodes.LADD);
        super.visitFieldInsn(Opcodes.PUTSTATIC, PROBE, "lostCalls", "J");
        super.visitInsn(Opcodes.ATHROW);
        // A report takes one word above the result; a lost call five (the error, a long added).
        super.visitMaxs(Math.max(maxStack + MARKER_SLOTS + 1, 5), maxLocals + MARKER_SLOTS);
      }

      /**
       * Reports a return in place: the result goes through the report and back ({@code
       * Probe.nestedInt} and its like), so no value is live across the call and the compiled frame
       * needs no slot for it; and in place, not at one shared exit, because every byte counts: C1
       * inlines a method into itself only up to 35 bytes, and a small recursion's copy must stay
       * under that to be as deep as the unmeasured method.
       */
      private void reportReturn() {
        Label from = reports[nextReport++];
        Label to = reports[nextReport++];
        super.visitLabel(from);
        pushId();
        Type passed = passedAs(result);
        boolean hasResult = result.getSort() != Type.VOID;
        String reportName = "nested" + (hasResult ? reportSuffix(passed) : "");
        String reportDescriptor =
            hasResult ? "(" + passed.getDescriptor() + "I)" + passed.getDescriptor() : "(I)V";
        super.visitMethodInsn(Opcodes.INVOKESTATIC, PROBE, reportName, reportDescriptor, false);
        super.visitLabel(to);
        boolean reference = result.getSort() == Type.OBJECT || result.getSort() == Type.ARRAY;
        if (reference && !result.equals(passed)) {
          super.visitTypeInsn(Opcodes.CHECKCAST, result.getInternalName());
        }
      }

      /** The catch-all: the throwable goes through the report and is thrown on. */
      private void reportThrow() {
        super.visitLabel(onThrow);
        super.visitFrame(Opcodes.F_NEW, 0, new Object[0], 1, new Object[] {"java/lang/Throwable"});
        Label report = new Label();
        Label reported = new Label();
        super.visitTryCatchBlock(report, reported, unreported, null);
        super.visitLabel(report);
        pushId();
        super.visitMethodInsn(
            Opcodes.INVOKESTATIC,
            PROBE,
            "nestedThrew",
            "(Ljava/lang/Throwable;I)Ljava/lang/Throwable;",
            false);
        super.visitLabel(reported);
        super.visitInsn(Opcodes.ATHROW);
      }

      /** The id in as few bytes as the JVM allows (the copy's size decides C1's inlining). */
      private void pushId() {
        if (id <= 5) {
          super.visitInsn(Opcodes.ICONST_0 + id);
        } else if (id <= Byte.MAX_VALUE) {
          super.visitIntInsn(Opcodes.BIPUSH, id);
        } else {
          super.visitLdcInsn(id);
        }
      }
    }
  }

  /** The type a result is reported as: ints for every int-like type, Object for references. */
  private static Type passedAs(Type result) {
    switch (result.getSort()) {
      case Type.BOOLEAN:
      case Type.BYTE:
      case Type.CHAR:
      case Type.SHORT:
      case Type.INT:
        return Type.INT_TYPE;
      case Type.LONG:
      case Type.FLOAT:
      case Type.DOUBLE:
        return result;
      default:
        return Type.getType(Object.class);
    }
  }

  private static String reportSuffix(Type passed) {
    switch (passed.getSort()) {
      case Type.INT:
        return "Int";
      case Type.LONG:
        return "Long";
      case Type.FLOAT:
        return "Float";
      case Type.DOUBLE:
        return "Double";
      default:
        return "Object";
    }
  }

  /** How a stack map frame names a value of {@code t}. */
  private static Object frameType(Type t) {
    switch (t.getSort()) {
      case Type.BOOLEAN:
      case Type.BYTE:
      case Type.CHAR:
      case Type.SHORT:
      case Type.INT:
        return Opcodes.INTEGER;
      case Type.FLOAT:
        return Opcodes.FLOAT;
      case Type.LONG:
        return Opcodes.LONG;
      case Type.DOUBLE:
        return Opcodes.DOUBLE;
      default:
        return t.getInternalName();
    }
  }

  /**
   * Finds the candidates that call themselves, and rules out what the copy could not take: a class
   * without frames or an interface, and code that stores a long or double into the last parameter
   * slot (it would reach into the marker slot).
   */
  private static final class Eligibility extends ClassVisitor {
    private final Set<String> candidates;
    final Set<String> eligible = new HashSet<>();
    private String className = "";
    private int classAccess;
    private boolean possible;

    Eligibility(Set<String> candidates) {
      super(OpenedClassReader.ASM_API);
      this.candidates = candidates;
    }

    @Override
    public void visit(
        int version,
        int access,
        String name,
        @Nullable String signature,
        @Nullable String superName,
        String @Nullable [] interfaces) {
      className = name;
      classAccess = access;
      possible = (version & 0xFFFF) >= Opcodes.V1_7 && (access & Opcodes.ACC_INTERFACE) == 0;
    }

    @Override
    public @Nullable MethodVisitor visitMethod(
        int access,
        String name,
        String descriptor,
        @Nullable String signature,
        String @Nullable [] exceptions) {
      String key = name + descriptor;
      if (!possible || !candidates.contains(key)) {
        return null;
      }
      int parameters = parameterSlots(access, descriptor);
      SelfCalling method = new SelfCalling(className, classAccess, access, name, descriptor);
      return new MethodVisitor(OpenedClassReader.ASM_API) {
        boolean calls;
        boolean unsuitable;

        @Override
        public void visitMethodInsn(
            int opcode, String owner, String called, String calledDescriptor, boolean itf) {
          calls |= method.isSelfCall(opcode, owner, called, calledDescriptor, itf);
        }

        @Override
        public void visitVarInsn(int opcode, int local) {
          boolean wide = opcode == Opcodes.LSTORE || opcode == Opcodes.DSTORE;
          unsuitable |= wide && local == parameters - 1;
        }

        @Override
        public void visitEnd() {
          if (calls && !unsuitable) {
            eligible.add(key);
          }
        }
      };
    }
  }
}

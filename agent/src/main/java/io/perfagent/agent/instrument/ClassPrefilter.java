package io.perfagent.agent.instrument;

import io.perfagent.agent.config.AgentConfig;
import io.perfagent.agent.config.MethodPattern;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Answers "can this class possibly contain a measured method?" from its raw bytes, before Byte
 * Buddy parses anything. An annotation used in a class file has its descriptor ({@code Lpkg/Name;})
 * in the constant pool, so a walk over the pool that compares UTF-8 entries of the right length
 * rejects almost every class in a few microseconds and allocates nothing.
 *
 * <p>It also passes every class that declares a {@code loadClass(String[, boolean])} method: a
 * class loader that may need {@link BootDelegationAdvice}; every class whose own name a pattern of
 * {@code perf.instrument.methods} names or matches (a glob is matched on the internal name, with no
 * allocation); and every class whose constant pool mentions a type a pattern names or a subtype of
 * it found so far ({@link #addSupertype}), so that implementations of a named interface are seen.
 *
 * <p>False positives are fine (Byte Buddy then decides); false negatives are not, so any class file
 * this walker does not understand is passed on.
 */
final class ClassPrefilter {

  private static final byte[] LOAD_CLASS = "loadClass".getBytes(StandardCharsets.UTF_8);
  private static final byte[][] LOAD_CLASS_DESCRIPTORS = {
    "(Ljava/lang/String;)Ljava/lang/Class;".getBytes(StandardCharsets.UTF_8),
    "(Ljava/lang/String;Z)Ljava/lang/Class;".getBytes(StandardCharsets.UTF_8),
  };

  /** At most this many supertype names learnt at run time (see {@link #addSupertype}). */
  static final int MAX_SUPERTYPES = 4096;

  private final byte[][] descriptors;
  private final Set<String> internalClassNames;

  /** Include patterns with wildcards, matched against the class's own name. */
  private final List<MethodPattern> classGlobs;

  /**
   * Internal names of types a pattern names, and of their subtypes found so far: a class whose
   * constant pool mentions one may implement or extend it. Copied on write; read lock-free.
   */
  private volatile byte[][] supertypes;

  private volatile boolean learnt;

  private ClassPrefilter(
      List<String> annotationNames, Iterable<String> classNames, List<MethodPattern> classGlobs) {
    this.descriptors = new byte[annotationNames.size()][];
    for (int i = 0; i < descriptors.length; i++) {
      String internal = annotationNames.get(i).replace('.', '/');
      descriptors[i] = ("L" + internal + ";").getBytes(StandardCharsets.UTF_8);
    }
    this.internalClassNames = new HashSet<>();
    List<byte[]> names = new ArrayList<>();
    for (String name : classNames) {
      String internal = name.replace('.', '/');
      internalClassNames.add(internal);
      names.add(internal.getBytes(StandardCharsets.UTF_8));
    }
    this.supertypes = names.toArray(new byte[0][]);
    this.classGlobs = classGlobs;
  }

  /**
   * Learns a type whose subtypes may be measured (an interface a glob matched, or a class found to
   * implement a named one), so that classes mentioning it are passed on from now on.
   */
  synchronized void addSupertype(String binaryName) {
    byte[] name = binaryName.replace('.', '/').getBytes(StandardCharsets.UTF_8);
    byte[][] current = supertypes;
    if (current.length >= MAX_SUPERTYPES) {
      return;
    }
    for (byte[] known : current) {
      if (java.util.Arrays.equals(known, name)) {
        return;
      }
    }
    byte[][] grown = java.util.Arrays.copyOf(current, current.length + 1);
    grown[current.length] = name;
    supertypes = grown;
    learnt = true;
  }

  /**
   * Takes over the supertypes {@code before} learnt (a reload): the classes of kept patterns are
   * not transformed again, so this filter would not learn them itself. A name that no pattern names
   * any more only lets a class through to the exact selection: harmless.
   */
  synchronized void inherit(ClassPrefilter before) {
    boolean wasLearnt = learnt;
    for (byte[] name : before.supertypes) {
      addSupertype(new String(name, StandardCharsets.UTF_8));
    }
    learnt = wasLearnt; // nothing new to look for among the loaded classes
  }

  /**
   * Whether a supertype was learnt since the last call. A class is transformed before its
   * supertypes load, so an implementation may have been rejected before a glob matched its
   * interface: the caller then looks among the loaded classes for such implementations.
   */
  boolean takeLearnt() {
    boolean was = learnt;
    learnt = false;
    return was;
  }

  /** A prefilter for the annotations the configuration honours and the classes it names. */
  static ClassPrefilter forConfig(AgentConfig config) {
    List<String> names = AnnotationNames.honouredBy(config);
    List<String> classes = new ArrayList<>();
    List<MethodPattern> globs = new ArrayList<>();
    for (MethodPattern p : config.methods()) {
      if (p.kind() == MethodPattern.Kind.ANNOTATION) {
        names.add(p.className());
      } else if (p.kind() == MethodPattern.Kind.INCLUDE) {
        if (p.isExactClass()) {
          classes.add(p.className());
        } else {
          globs.add(p);
        }
      }
    }
    return new ClassPrefilter(names, classes, globs);
  }

  /**
   * Whether the class may contain a measured method.
   *
   * @param internalName the class name with slashes, as the JVM passes it
   * @param classFile the class file bytes
   */
  boolean mightMatch(String internalName, byte[] classFile) {
    if (internalClassNames.contains(internalName)) {
      return true;
    }
    for (int i = 0; i < classGlobs.size(); i++) {
      if (classGlobs.get(i).matchesInternalName(internalName)) {
        return true;
      }
    }
    try {
      return poolMentionsAnnotation(classFile);
    } catch (ArrayIndexOutOfBoundsException malformed) {
      return true; // not our call to judge a class file we cannot walk
    }
  }

  private boolean poolMentionsAnnotation(byte[] b) {
    if (b.length < 10 || u4(b, 0) != 0xCAFEBABE) {
      return true;
    }
    int count = u2(b, 8);
    int pos = 10;
    int loadClassName = 0;
    int loadClassDescriptors = 0; // bit i set: pool index of LOAD_CLASS_DESCRIPTORS[i] is known
    int[] loadClassDescriptorIndex = null;
    for (int index = 1; index < count; index++) {
      int tag = b[pos] & 0xFF;
      switch (tag) {
        case 1: // Utf8
          int length = u2(b, pos + 1);
          if (matchesDescriptor(b, pos + 3, length)) {
            return true;
          }
          if (length == LOAD_CLASS.length && regionEquals(b, pos + 3, LOAD_CLASS)) {
            loadClassName = index;
          }
          for (int d = 0; d < LOAD_CLASS_DESCRIPTORS.length; d++) {
            byte[] descriptor = LOAD_CLASS_DESCRIPTORS[d];
            if (length == descriptor.length && regionEquals(b, pos + 3, descriptor)) {
              if (loadClassDescriptorIndex == null) {
                loadClassDescriptorIndex = new int[LOAD_CLASS_DESCRIPTORS.length];
              }
              loadClassDescriptorIndex[d] = index;
              loadClassDescriptors |= 1 << d;
            }
          }
          pos += 3 + length;
          break;
        case 3: // Integer
        case 4: // Float
        case 9: // Fieldref
        case 10: // Methodref
        case 11: // InterfaceMethodref
        case 12: // NameAndType
        case 17: // Dynamic
        case 18: // InvokeDynamic
          pos += 5;
          break;
        case 5: // Long
        case 6: // Double
          pos += 9;
          index++; // takes two pool slots
          break;
        case 7: // Class
        case 8: // String
        case 16: // MethodType
        case 19: // Module
        case 20: // Package
          pos += 3;
          break;
        case 15: // MethodHandle
          pos += 4;
          break;
        default:
          return true; // a constant kind newer than this walker
      }
    }
    return loadClassName != 0
        && loadClassDescriptors != 0
        && declaresMethod(b, pos, loadClassName, loadClassDescriptorIndex);
  }

  /**
   * Whether the class whose constant pool ends at {@code pos} declares a method with that name
   * index and one of those descriptor indexes (0: none).
   */
  private static boolean declaresMethod(
      byte[] b, int pos, int nameIndex, int @Nullable [] descriptorIndexes) {
    if (descriptorIndexes == null) {
      return false; // no loadClass descriptor in the pool: no such method
    }
    pos += 6; // access flags, this class, super class
    pos += 2 + 2 * u2(b, pos); // interfaces
    pos = skipMembers(b, pos); // fields
    int methods = u2(b, pos);
    pos += 2;
    for (int m = 0; m < methods; m++) {
      int name = u2(b, pos + 2);
      int descriptor = u2(b, pos + 4);
      if (name == nameIndex) {
        for (int d : descriptorIndexes) {
          if (d != 0 && d == descriptor) {
            return true;
          }
        }
      }
      pos = skipAttributes(b, pos + 6);
    }
    return false;
  }

  private static int skipMembers(byte[] b, int pos) {
    int count = u2(b, pos);
    pos += 2;
    for (int i = 0; i < count; i++) {
      pos = skipAttributes(b, pos + 6);
    }
    return pos;
  }

  private static int skipAttributes(byte[] b, int pos) {
    int count = u2(b, pos);
    pos += 2;
    for (int i = 0; i < count; i++) {
      pos += 6 + u4(b, pos + 2);
    }
    return pos;
  }

  private boolean matchesDescriptor(byte[] b, int start, int length) {
    for (byte[] d : descriptors) {
      if (d.length == length && regionEquals(b, start, d)) {
        return true;
      }
    }
    for (byte[] d : supertypes) {
      if (d.length == length && regionEquals(b, start, d)) {
        return true;
      }
    }
    return false;
  }

  private static boolean regionEquals(byte[] b, int start, byte[] d) {
    for (int i = d.length - 1; i >= 0; i--) { // names share their prefix: compare from the end
      if (b[start + i] != d[i]) {
        return false;
      }
    }
    return true;
  }

  private static int u2(byte[] b, int pos) {
    return ((b[pos] & 0xFF) << 8) | (b[pos + 1] & 0xFF);
  }

  private static int u4(byte[] b, int pos) {
    return (u2(b, pos) << 16) | u2(b, pos + 2);
  }
}

package fault;

import io.perfagent.annotation.Measured;

/**
 * {@code Wide}: 40 measured methods, {@code m00} to {@code m39}; {@code mK} is called K + 1 times,
 * so each series' count names its method. Run with a method cap below 40 to see the cap hold and
 * every series under it stay exact.
 */
public final class Wide {
  private Wide() {}

  public static void main(String[] args) {
    long sum = 0;
    for (int k = 0; k < 40; k++) {
      for (int c = 0; c <= k; c++) {
        sum += call(k, c);
      }
    }
    System.out.println("RESULT sum=" + sum);
    System.out.println("DONE");
  }

  private static int call(int k, int n) {
    switch (k) {
      case 0:
        return m00(n);
      case 1:
        return m01(n);
      case 2:
        return m02(n);
      case 3:
        return m03(n);
      case 4:
        return m04(n);
      case 5:
        return m05(n);
      case 6:
        return m06(n);
      case 7:
        return m07(n);
      case 8:
        return m08(n);
      case 9:
        return m09(n);
      case 10:
        return m10(n);
      case 11:
        return m11(n);
      case 12:
        return m12(n);
      case 13:
        return m13(n);
      case 14:
        return m14(n);
      case 15:
        return m15(n);
      case 16:
        return m16(n);
      case 17:
        return m17(n);
      case 18:
        return m18(n);
      case 19:
        return m19(n);
      case 20:
        return m20(n);
      case 21:
        return m21(n);
      case 22:
        return m22(n);
      case 23:
        return m23(n);
      case 24:
        return m24(n);
      case 25:
        return m25(n);
      case 26:
        return m26(n);
      case 27:
        return m27(n);
      case 28:
        return m28(n);
      case 29:
        return m29(n);
      case 30:
        return m30(n);
      case 31:
        return m31(n);
      case 32:
        return m32(n);
      case 33:
        return m33(n);
      case 34:
        return m34(n);
      case 35:
        return m35(n);
      case 36:
        return m36(n);
      case 37:
        return m37(n);
      case 38:
        return m38(n);
      case 39:
        return m39(n);
      default:
        throw new IllegalArgumentException("no method m" + k);
    }
  }

  @Measured
  public static int m00(int n) {
    return n + 0;
  }

  @Measured
  public static int m01(int n) {
    return n + 1;
  }

  @Measured
  public static int m02(int n) {
    return n + 2;
  }

  @Measured
  public static int m03(int n) {
    return n + 3;
  }

  @Measured
  public static int m04(int n) {
    return n + 4;
  }

  @Measured
  public static int m05(int n) {
    return n + 5;
  }

  @Measured
  public static int m06(int n) {
    return n + 6;
  }

  @Measured
  public static int m07(int n) {
    return n + 7;
  }

  @Measured
  public static int m08(int n) {
    return n + 8;
  }

  @Measured
  public static int m09(int n) {
    return n + 9;
  }

  @Measured
  public static int m10(int n) {
    return n + 10;
  }

  @Measured
  public static int m11(int n) {
    return n + 11;
  }

  @Measured
  public static int m12(int n) {
    return n + 12;
  }

  @Measured
  public static int m13(int n) {
    return n + 13;
  }

  @Measured
  public static int m14(int n) {
    return n + 14;
  }

  @Measured
  public static int m15(int n) {
    return n + 15;
  }

  @Measured
  public static int m16(int n) {
    return n + 16;
  }

  @Measured
  public static int m17(int n) {
    return n + 17;
  }

  @Measured
  public static int m18(int n) {
    return n + 18;
  }

  @Measured
  public static int m19(int n) {
    return n + 19;
  }

  @Measured
  public static int m20(int n) {
    return n + 20;
  }

  @Measured
  public static int m21(int n) {
    return n + 21;
  }

  @Measured
  public static int m22(int n) {
    return n + 22;
  }

  @Measured
  public static int m23(int n) {
    return n + 23;
  }

  @Measured
  public static int m24(int n) {
    return n + 24;
  }

  @Measured
  public static int m25(int n) {
    return n + 25;
  }

  @Measured
  public static int m26(int n) {
    return n + 26;
  }

  @Measured
  public static int m27(int n) {
    return n + 27;
  }

  @Measured
  public static int m28(int n) {
    return n + 28;
  }

  @Measured
  public static int m29(int n) {
    return n + 29;
  }

  @Measured
  public static int m30(int n) {
    return n + 30;
  }

  @Measured
  public static int m31(int n) {
    return n + 31;
  }

  @Measured
  public static int m32(int n) {
    return n + 32;
  }

  @Measured
  public static int m33(int n) {
    return n + 33;
  }

  @Measured
  public static int m34(int n) {
    return n + 34;
  }

  @Measured
  public static int m35(int n) {
    return n + 35;
  }

  @Measured
  public static int m36(int n) {
    return n + 36;
  }

  @Measured
  public static int m37(int n) {
    return n + 37;
  }

  @Measured
  public static int m38(int n) {
    return n + 38;
  }

  @Measured
  public static int m39(int n) {
    return n + 39;
  }
}

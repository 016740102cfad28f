package io.perfagent.exporter;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.sdk.resources.Resource;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The resource attributes the agent knows about its process: {@code service.instance.id} (random
 * per start), {@code process.pid}, {@code host.name} and the runtime. Whatever the user sets
 * through {@code OTEL_RESOURCE_ATTRIBUTES} or {@code OTEL_SERVICE_NAME} wins over these.
 */
public final class ProcessResource {

  private ProcessResource() {}

  /** The resource of this process, with the agent's name and version as the distribution. */
  public static Resource create(String agentVersion) {
    AttributesBuilder a = Attributes.builder();
    a.put(AttributeKey.stringKey("service.instance.id"), UUID.randomUUID().toString());
    a.put(AttributeKey.longKey("process.pid"), ProcessHandle.current().pid());
    String host = hostName();
    if (host != null) {
      a.put(AttributeKey.stringKey("host.name"), host);
    }
    a.put(
        AttributeKey.stringKey("process.runtime.name"),
        System.getProperty("java.runtime.name", ""));
    a.put(
        AttributeKey.stringKey("process.runtime.version"),
        System.getProperty("java.runtime.version", ""));
    a.put(
        AttributeKey.stringKey("process.runtime.description"),
        System.getProperty("java.vm.vendor", "")
            + " "
            + System.getProperty("java.vm.name", "")
            + " "
            + System.getProperty("java.vm.version", ""));
    a.put(AttributeKey.stringKey("telemetry.distro.name"), "perf-agent");
    a.put(AttributeKey.stringKey("telemetry.distro.version"), agentVersion);
    return Resource.create(a.build());
  }

  /** The kernel's host name first: {@link InetAddress#getLocalHost()} may wait on DNS. */
  static @Nullable String hostName() {
    try {
      String name =
          new String(
                  Files.readAllBytes(Paths.get("/proc/sys/kernel/hostname")),
                  StandardCharsets.UTF_8)
              .trim();
      if (!name.isEmpty()) {
        return name;
      }
    } catch (IOException | RuntimeException notLinux) {
      // fall through
    }
    String env = System.getenv("HOSTNAME");
    if (env == null) {
      env = System.getenv("COMPUTERNAME");
    }
    if (env != null && !env.isEmpty()) {
      return env;
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}

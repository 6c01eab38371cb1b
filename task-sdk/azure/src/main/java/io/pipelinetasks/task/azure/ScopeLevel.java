package io.pipelinetasks.task.azure;

import java.util.Locale;

/** What an AzureRM service connection is scoped to ({@code scopeLevel} in its data). */
public enum ScopeLevel {
  /** A subscription, optionally narrowed to a resource group. */
  Subscription,
  /** A management group; there is no subscription. */
  ManagementGroup,
  /** An Azure Machine Learning workspace. */
  AzureMLWorkspace;

  /** Reads {@code scopeLevel}, ignoring case; absent means Subscription. */
  static ScopeLevel parse(String value) {
    if (value == null || value.isBlank()) {
      return Subscription;
    }
    for (ScopeLevel level : values()) {
      if (level.name().toLowerCase(Locale.ROOT).equals(value.trim().toLowerCase(Locale.ROOT))) {
        return level;
      }
    }
    return Subscription;
  }
}

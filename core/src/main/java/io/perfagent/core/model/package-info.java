/**
 * The data model every part reads: duration buckets and snapshots, method series, resource samples.
 * Plain values; may use only the JDK.
 */
package io.perfagent.core.model;

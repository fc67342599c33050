package io.lyss.orchestrator.workflow;

import java.util.Map;

/** One step of the per-request workflow. Nodes run on the request's thread, one after the other. */
interface WorkflowNode {

    /** The node id and type, e.g. {@code memory}. */
    String type();

    String title();

    /** False when the node has nothing to do for this run: it is then recorded as skipped and not announced. */
    boolean appliesTo(RunState run);

    /** The inputs announced in {@code node_started}. */
    Map<String, Object> inputs(RunState run);

    /** Does the node's work; an exception fails the node. */
    NodeResult run(RunState run);

    /** True when the run cannot go on without this node (the llm); other nodes fail softly. */
    boolean essential();
}

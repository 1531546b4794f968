package org.twingrad.bench.explain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.twingrad.bench.explain.AnswerKey.LayerParams;
import org.twingrad.bench.explain.AnswerKey.RowPass;
import org.twingrad.bench.explain.NetworkFile.Loss;
import org.twingrad.scalar.BackpropTrace;

/**
 * An {@link AnswerKey} as one JSON object, for other tools: full double precision (no rounding), parameters named as
 * the trace names them ({@code W<layer>[<unit>,<input>]}, {@code b<layer>[<unit>]}, layers from 1, units and inputs
 * from 0), classes 0-based whatever the file's {@code firstClass}.
 */
public final class AnswerKeyJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private AnswerKeyJson() {}

    /** The answer key's JSON text, with the losses of each {@code --vary} comparison under "variants". */
    public static String of(AnswerKey k, List<Variants> variants) {
        NetworkFile f = k.file();
        ObjectNode o = MAPPER.createObjectNode();
        o.put("name", f.name());
        o.put("loss", k.loss());
        if (f.l2() > 0) {
            o.put("lossWithL2", k.lossWithL2());
        }
        o.set("predictions", predictions(f, k.before()));
        ArrayNode forward = o.putArray("forward");
        for (RowPass p : k.before()) {
            ObjectNode r = forward.addObject();
            for (int l = 0; l < p.z().size(); l++) {
                r.set("z" + (l + 1), MAPPER.valueToTree(p.z().get(l)));
                r.set("h" + (l + 1), MAPPER.valueToTree(p.h().get(l)));
            }
            if (p.probabilities() != null) {
                r.set("probabilities", MAPPER.valueToTree(p.probabilities()));
            }
        }
        o.set("gradients", named(k.gradients()));
        o.put("learningRate", f.learningRate());
        o.put("steps", f.steps());
        o.put("stepsTaken", k.stepsTaken());
        o.put("stepWithL2", f.stepWithL2() && f.l2() > 0);
        o.set("updated", named(k.after()));
        o.put("lossAfter", k.lossAfter());
        if (f.l2() > 0) {
            o.put("lossWithL2After", k.lossWithL2After());
        }
        o.set("predictionsAfter", predictions(f, k.afterPass()));
        if (f.loss() == Loss.SOFTMAX_CROSS_ENTROPY) {
            o.put("stepsToTargets", k.stepsToTargets());
        }
        if (!variants.isEmpty()) {
            ArrayNode vs = o.putArray("variants");
            for (Variants v : variants) {
                ObjectNode n = vs.addObject().put("setting", v.setting());
                ArrayNode rows = n.putArray("runs");
                for (int i = 0; i < v.values().size(); i++) {
                    String value = v.values().get(i).trim();
                    ObjectNode run = value.matches("[-+0-9.eE]+") ? rows.addObject().put("value", Double.parseDouble(value))
                            : rows.addObject().put("value", value);
                    run.put("loss", v.before()[i]).put("lossAfter", v.after()[i]);
                    if (v.diverged()[i] > 0) {
                        run.put("divergedAtStep", v.diverged()[i]);
                    }
                }
            }
        }
        ArrayNode steps = o.putArray("trace");
        for (BackpropTrace.Step s : k.trace().steps()) {
            ObjectNode n = steps.addObject();
            n.put("step", s.index()).put("node", s.node()).put("op", s.op()).put("value", s.value()).put("grad", s.grad());
            ArrayNode in = n.putArray("inputs");
            for (BackpropTrace.Edge e : s.inputs()) {
                in.addObject().put("input", e.input()).put("localDerivative", e.localDerivative())
                        .put("contribution", e.contribution());
            }
        }
        return o.toPrettyString() + "\n";
    }

    /** 0-based classes per row, or each row's outputs for MSE. */
    private static ArrayNode predictions(NetworkFile f, List<RowPass> rows) {
        ArrayNode a = MAPPER.createArrayNode();
        for (RowPass p : rows) {
            if (f.loss() == Loss.SOFTMAX_CROSS_ENTROPY) {
                a.add(p.predicted());
            } else if (p.outputs().length == 1) {
                a.add(p.outputs()[0]);
            } else {
                a.add(MAPPER.<JsonNode>valueToTree(p.outputs()));
            }
        }
        return a;
    }

    private static ObjectNode named(List<LayerParams> layers) {
        ObjectNode o = MAPPER.createObjectNode();
        for (int l = 0; l < layers.size(); l++) {
            LayerParams p = layers.get(l);
            for (int j = 0; j < p.weights().length; j++) {
                for (int i = 0; i < p.weights()[j].length; i++) {
                    o.put("W" + (l + 1) + "[" + j + "," + i + "]", p.weights()[j][i]);
                }
                o.put("b" + (l + 1) + "[" + j + "]", p.bias()[j]);
            }
        }
        return o;
    }
}

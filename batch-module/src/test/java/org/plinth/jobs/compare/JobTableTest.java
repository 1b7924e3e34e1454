package org.plinth.jobs.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class JobTableTest {

    private static JsonObject json(String s) {
        return Json.createReader(new StringReader(s)).readObject();
    }

    private static JobTable.Row job(String id, double phase, double emittance) {
        return new JobTable.Row(id, "scan", "SUCCEEDED",
                json("{\"phase\": " + phase + ", \"charge\": 0.25, \"apertures\": [1, 2]}"),
                json("{\"finalBeam\": {\"emittanceX\": " + emittance + ", \"z\": 3.2}, \"table\": [1,2,3,4,5,6,7,8,9,10]}"));
    }

    @Test
    void theVaryingColumnsOfASweep() {
        List<JobTable.Row> sweep = List.of(job("a", -10, 0.91), job("b", 0, 0.88), job("c", 10, 0.95));
        JobTable.Table t = JobTable.of(sweep, List.of(), true);
        assertEquals(List.of("id", "name", "state", "inputs.phase", "result.finalBeam.emittanceX"), t.columns());
        assertEquals("0.88", t.rows().get(1).get(4).toString());
        String csv = JobTable.csv(t);
        assertEquals("id,name,state,inputs.phase,result.finalBeam.emittanceX\r\na,scan,SUCCEEDED,-10.0,0.91\r\n", csv.substring(0, csv.indexOf("\r\nb") + 2));
    }

    @Test
    void allScalarsWhenNotVaryingAndChosenFieldsAsAsked() {
        JobTable.Table all = JobTable.of(List.of(job("a", 1, 2)), List.of(), false);
        assertEquals(List.of("id", "name", "state", "inputs.phase", "inputs.charge", "inputs.apertures",
                "result.finalBeam.emittanceX", "result.finalBeam.z"), all.columns(), "long arrays are not cells");
        JobTable.Table chosen = JobTable.of(List.of(job("a", 1, 2)), List.of("result.finalBeam.z", "inputs.missing"), false);
        assertEquals(List.of("id", "name", "state", "result.finalBeam.z", "inputs.missing"), chosen.columns());
        assertEquals(JsonValue.NULL, chosen.rows().get(0).get(4));
    }

    @Test
    void csvQuotesWhatNeedsIt() {
        JobTable.Row odd = new JobTable.Row("a", "say \"hi\", twice", "FAILED", json("{\"s\": \"x,y\"}"), null);
        assertEquals("id,name,state,inputs.s\r\na,\"say \"\"hi\"\", twice\",FAILED,\"x,y\"\r\n",
                JobTable.csv(JobTable.of(List.of(odd), List.of(), false)));
    }
}

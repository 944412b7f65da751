package statelab;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import statelab.lab.LabConfig;

/**
 * For tests that each need a lab of their own configuration: {@link #start} starts one, and every lab
 * started during a test is closed after it, however it ended. Register it in an instance field:
 * {@code @RegisterExtension final LabsPerTest labs = new LabsPerTest();}.
 */
public final class LabsPerTest implements AfterEachCallback {
    private final List<TestLab> started = new ArrayList<>();

    /** The standard lab (four strategies, three nodes each). */
    public TestLab start() throws Exception {
        return start(LabConfig.standard());
    }

    public TestLab start(LabConfig config) throws Exception {
        TestLab lab = TestLab.start(config);
        started.add(lab);
        return lab;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        for (int i = started.size() - 1; i >= 0; i--) {
            started.get(i).close();
        }
        started.clear();
    }
}

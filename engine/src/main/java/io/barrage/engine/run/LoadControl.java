package io.barrage.engine.run;

/** Changes the load of a running test. */
public interface LoadControl {

    /** Sets the arrival rate of open-model scenarios for the rest of the current phase. */
    void setRate(String scenario, double perSecond, String origin);

    /** Sets the users of closed-model scenarios for the rest of the current phase. */
    void setUsers(String scenario, int users, String origin);

    /** Multiplies the plan's load (rate or users) by {@code factor} from now on. */
    void scaleLoad(String scenario, double factor, String origin);
}

package io.barrage.dsl.internal

import java.lang.annotation.ElementType
import java.lang.annotation.Retention
import java.lang.annotation.RetentionPolicy
import java.lang.annotation.Target

/**
 * Put on a compiled script by {@link ParamNames}: the parameters it names in {@code param('NAME', …)}
 * calls, wherever they are in the script, whether or not they run.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@interface ScriptParams {
    /** The literal names, in the order the script names them first. */
    String[] value()

    /** True when some {@code param} call builds its name at run time ({@code param("${region}Rate", 1)}). */
    boolean computed() default false
}

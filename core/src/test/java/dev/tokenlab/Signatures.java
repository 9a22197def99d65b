package dev.tokenlab;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** An ArchUnit condition: a public method's return and parameter types are JDK types or exported ones. */
final class Signatures {
    private Signatures() {
    }

    static ArchCondition<JavaMethod> useOnlyExportedTypes(Set<String> exported) {
        return new ArchCondition<>("use only exported or JDK types in their signatures") {
            @Override
            public void check(JavaMethod method, ConditionEvents events) {
                List<JavaClass> types = new ArrayList<>(method.getRawParameterTypes());
                types.add(method.getRawReturnType());
                for (JavaClass type : types) {
                    JavaClass base = type.isArray() ? type.getBaseComponentType() : type;
                    String p = base.getPackageName();
                    if (p.startsWith("dev.tokenlab") && !exported.contains(p)) {
                        events.add(SimpleConditionEvent.violated(method,
                                method.getFullName() + " exposes " + base.getName() + ", which is not exported"));
                    }
                }
            }
        };
    }
}

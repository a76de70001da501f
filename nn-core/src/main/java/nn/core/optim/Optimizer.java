package nn.core.optim;

import java.util.Collection;
import nn.api.Parameter;

/** Updates parameters in place from their gradients, after each backward pass. */
public interface Optimizer {

    void update(Collection<Parameter> parameters);
}

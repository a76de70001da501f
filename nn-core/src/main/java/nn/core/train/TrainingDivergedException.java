package nn.core.train;

/** The loss became NaN or infinite: training stops rather than go on with broken weights. */
public final class TrainingDivergedException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    private final int iteration;
    private final double loss;

    public TrainingDivergedException(int iteration, double loss) {
        super("The loss became " + loss + " at iteration " + iteration
                + "; training stopped. Try a lower learning rate, or check the input data for NaN.");
        this.iteration = iteration;
        this.loss = loss;
    }

    public int iteration() {
        return iteration;
    }

    public double loss() {
        return loss;
    }
}

package nn.core.train;

/**
 * Training stopped because it went wrong: the loss became NaN or infinite, or it stopped learning (see
 * {@link Trainer.Settings#stopWhenNotLearning()}). Training stops rather than go on with broken weights.
 */
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

    /** Training stopped learning: {@code message} says how it was seen and what to try. */
    public TrainingDivergedException(int iteration, double loss, String message) {
        super(message);
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

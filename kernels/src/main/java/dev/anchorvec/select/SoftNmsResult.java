package dev.anchorvec.select;

/**
 * What {@link SoftNms#run(dev.anchorvec.boxes.Boxes, float[], SoftNmsParams)} returns.
 *
 * @param keep          the selected box indices, in selection order
 * @param updatedScores {@code updatedScores[k]} is the decayed score of box {@code keep[k]} when it was selected
 */
public record SoftNmsResult(int[] keep, float[] updatedScores) {}

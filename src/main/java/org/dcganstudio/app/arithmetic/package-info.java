/**
 * The Arithmetic section's ViewModels: candidate samples clicked into groups of latent vectors
 * ({@code CandidateSamples}, {@code LatentGroups}), the groups' averages and their signed sum (the
 * paper's "smiling woman − neutral woman + neutral man") amid its noisy 3×3 neighbourhood
 * ({@code ResultGrid}), groups filled by the attribute classifier ({@code AttributeGroupFill}), and
 * named recipes saved as JSON ({@code RecipeFiles}) or exported as a figure
 * ({@code ArithmeticFigure}); {@code ArithmeticViewModel} puts them together for the view.
 * Rendering goes through the shared {@code Renderer}: nothing on the UI thread waits for it.
 */
package org.dcganstudio.app.arithmetic;

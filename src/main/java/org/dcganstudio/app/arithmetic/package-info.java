/**
 * The Arithmetic section's ViewModel: groups of latent vectors filled by clicking samples, their
 * averages, the signed sum (the paper's "smiling woman − neutral woman + neutral man") with its
 * noisy 3×3 neighbourhood, and named recipes saved as JSON or exported as a figure.
 */
package org.dcganstudio.app.arithmetic;

namespace SupportAssist.Policy;

/// <summary>
/// Binary logistic regression fitted by Newton's method with an L2 penalty on standardised features: small,
/// deterministic and exact for the few features and few hundred examples of the answerability model.
/// </summary>
public static class LogisticRegression
{
    /// <summary>A fitted model: per-feature mean and scale (standardisation), weights on the standardised features, bias.</summary>
    public sealed record Fit(double[] Means, double[] Scales, double[] Weights, double Bias)
    {
        /// <summary>P(label = 1 | features).</summary>
        public double Probability(ReadOnlySpan<double> features)
        {
            var z = Bias;
            for (var j = 0; j < Weights.Length; j++) z += Weights[j] * (features[j] - Means[j]) / Scales[j];
            return 1 / (1 + Math.Exp(-z));
        }
    }

    /// <summary>Fits <paramref name="labels"/> (true = 1) on <paramref name="features"/> (one row per example) with penalty <paramref name="l2"/>.</summary>
    public static Fit Train(IReadOnlyList<double[]> features, IReadOnlyList<bool> labels, double l2 = 1.0, int iterations = 50)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(labels);
        if (features.Count == 0 || features.Count != labels.Count) throw new ArgumentException("one label per example, and at least one example", nameof(labels));
        var d = features[0].Length;
        var means = new double[d];
        var scales = new double[d];
        for (var j = 0; j < d; j++)
        {
            means[j] = features.Average(x => x[j]);
            var variance = features.Average(x => (x[j] - means[j]) * (x[j] - means[j]));
            scales[j] = variance > 1e-12 ? Math.Sqrt(variance) : 1;
        }
        var x = features.Select(row => Enumerable.Range(0, d).Select(j => (row[j] - means[j]) / scales[j]).Append(1.0).ToArray()).ToList();
        var w = new double[d + 1];
        for (var iteration = 0; iteration < iterations; iteration++)
        {
            // Gradient and Hessian of the penalised negative log-likelihood (the bias is not penalised).
            var gradient = new double[d + 1];
            var hessian = new double[d + 1, d + 1];
            for (var i = 0; i < x.Count; i++)
            {
                var p = 1 / (1 + Math.Exp(-Dot(w, x[i])));
                var error = p - (labels[i] ? 1 : 0);
                var curvature = Math.Max(p * (1 - p), 1e-9);
                for (var a = 0; a <= d; a++)
                {
                    gradient[a] += error * x[i][a];
                    for (var b = 0; b <= d; b++) hessian[a, b] += curvature * x[i][a] * x[i][b];
                }
            }
            for (var a = 0; a < d; a++)
            {
                gradient[a] += l2 * w[a];
                hessian[a, a] += l2;
            }
            var step = Solve(hessian, gradient);
            var change = 0.0;
            for (var a = 0; a <= d; a++)
            {
                w[a] -= step[a];
                change = Math.Max(change, Math.Abs(step[a]));
            }
            if (change < 1e-9) break;
        }
        return new Fit(means, scales, w[..d], w[d]);
    }

    private static double Dot(double[] w, double[] x)
    {
        var sum = 0.0;
        for (var i = 0; i < w.Length; i++) sum += w[i] * x[i];
        return sum;
    }

    // Gaussian elimination with partial pivoting; the penalised Hessian is positive definite.
    private static double[] Solve(double[,] a, double[] b)
    {
        var n = b.Length;
        var m = (double[,])a.Clone();
        var y = (double[])b.Clone();
        for (var col = 0; col < n; col++)
        {
            var pivot = col;
            for (var row = col + 1; row < n; row++)
                if (Math.Abs(m[row, col]) > Math.Abs(m[pivot, col])) pivot = row;
            if (pivot != col)
            {
                for (var k = 0; k < n; k++) (m[col, k], m[pivot, k]) = (m[pivot, k], m[col, k]);
                (y[col], y[pivot]) = (y[pivot], y[col]);
            }
            var diagonal = Math.Abs(m[col, col]) < 1e-12 ? 1e-12 : m[col, col];
            for (var row = col + 1; row < n; row++)
            {
                var factor = m[row, col] / diagonal;
                for (var k = col; k < n; k++) m[row, k] -= factor * m[col, k];
                y[row] -= factor * y[col];
            }
        }
        var result = new double[n];
        for (var row = n - 1; row >= 0; row--)
        {
            var sum = y[row];
            for (var k = row + 1; k < n; k++) sum -= m[row, k] * result[k];
            result[row] = sum / (Math.Abs(m[row, row]) < 1e-12 ? 1e-12 : m[row, row]);
        }
        return result;
    }
}

namespace SupportAssist.Core.Tests.Policy;

public sealed class LogisticRegressionTests
{
    [Fact]
    public void Learns_which_feature_carries_the_label_and_ignores_noise()
    {
        var random = new Random(7);
        var features = new List<double[]>();
        var labels = new List<bool>();
        for (var i = 0; i < 400; i++)
        {
            var signal = random.NextDouble() * 4 - 2;
            var noise = random.NextDouble() * 4 - 2;
            features.Add([signal, noise]);
            labels.Add(random.NextDouble() < 1 / (1 + Math.Exp(-3 * signal)));
        }

        var fit = LogisticRegression.Train(features, labels, l2: 0.1);

        Assert.True(fit.Weights[0] > 2, $"signal weight {fit.Weights[0]}");
        Assert.True(Math.Abs(fit.Weights[1]) < 0.5, $"noise weight {fit.Weights[1]}");
        Assert.True(fit.Probability([1.5, 0]) > 0.9);
        Assert.True(fit.Probability([-1.5, 0]) < 0.1);
    }

    [Fact]
    public void A_stronger_penalty_shrinks_the_weights()
    {
        double[][] features = [[0], [1], [2], [3], [4], [5]];
        bool[] labels = [false, false, true, false, true, true];

        var loose = LogisticRegression.Train(features, labels, l2: 0.01);
        var tight = LogisticRegression.Train(features, labels, l2: 10);

        Assert.True(Math.Abs(tight.Weights[0]) < Math.Abs(loose.Weights[0]));
    }

    [Fact]
    public void A_constant_feature_gets_no_weight_and_does_not_break_the_fit()
    {
        double[][] features = [[1, 0], [1, 1], [1, 2], [1, 3]];
        bool[] labels = [false, false, true, true];

        var fit = LogisticRegression.Train(features, labels);

        Assert.Equal(0, fit.Weights[0], 9);
        Assert.False(double.IsNaN(fit.Probability([1, 1.5])));
    }
}

namespace SupportAssist.Infrastructure.Sqlite;

/// <summary>A bounded min-heap keeping the k largest scores seen; equal scores keep the lower order key (the earlier row).</summary>
internal struct TopK(int capacity)
{
    private readonly float[] _scores = new float[capacity];
    private readonly long[] _order = new long[capacity];
    private readonly int[] _rows = new int[capacity];
    private int _count;

    public void Offer(float score, long order, int row)
    {
        if (_count < _scores.Length)
        {
            Set(_count, score, order, row);
            SiftUp(_count++);
        }
        else if (score > _scores[0] || (score == _scores[0] && order < _order[0]))
        {
            Set(0, score, order, row);
            SiftDown(0);
        }
    }

    /// <summary>Offers every kept entry to <paramref name="target"/>.</summary>
    public readonly void MergeInto(ref TopK target)
    {
        for (var i = 0; i < _count; i++) target.Offer(_scores[i], _order[i], _rows[i]);
    }

    /// <summary>The kept entries, best first (equal scores by order key).</summary>
    public readonly (float[] Scores, int[] Rows) Drain()
    {
        var scores = _scores;
        var order = _order;
        var positions = new int[_count];
        for (var i = 0; i < positions.Length; i++) positions[i] = i;
        Array.Sort(positions, (a, b) =>
        {
            var byScore = scores[b].CompareTo(scores[a]);
            return byScore != 0 ? byScore : order[a].CompareTo(order[b]);
        });
        var sortedScores = new float[positions.Length];
        var sortedRows = new int[positions.Length];
        for (var i = 0; i < positions.Length; i++)
        {
            sortedScores[i] = scores[positions[i]];
            sortedRows[i] = _rows[positions[i]];
        }
        return (sortedScores, sortedRows);
    }

    private readonly void Set(int i, float score, long order, int row)
    {
        _scores[i] = score;
        _order[i] = order;
        _rows[i] = row;
    }

    // The heap's root is the worst kept entry: the lowest score, and among equal scores the latest row.
    private readonly bool Less(int a, int b) =>
        _scores[a] < _scores[b] || (_scores[a] == _scores[b] && _order[a] > _order[b]);

    private readonly void SiftUp(int i)
    {
        while (i > 0)
        {
            var parent = (i - 1) / 2;
            if (!Less(i, parent)) return;
            Swap(i, parent);
            i = parent;
        }
    }

    private readonly void SiftDown(int i)
    {
        while (true)
        {
            var left = 2 * i + 1;
            if (left >= _count) return;
            var smallest = left + 1 < _count && Less(left + 1, left) ? left + 1 : left;
            if (!Less(smallest, i)) return;
            Swap(i, smallest);
            i = smallest;
        }
    }

    private readonly void Swap(int a, int b)
    {
        (_scores[a], _scores[b]) = (_scores[b], _scores[a]);
        (_order[a], _order[b]) = (_order[b], _order[a]);
        (_rows[a], _rows[b]) = (_rows[b], _rows[a]);
    }
}

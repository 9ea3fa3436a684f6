namespace MarketSim.Market.Population;

/// <summary>
/// A block's work arrays for the decision kernel, one chunk of users at a time: sized once, reused every month, so a
/// review allocates nothing per user. Chunks are small enough to stay in the first-level cache between the kernel's
/// passes (utilities, exps, choices). Utilities and weights are option-major (see <see cref="Choice.LogitKernel"/>): a
/// chunk of n users uses rows of <see cref="Stride"/> entries, n rounded up to whole vectors (<see cref="Begin"/>).
/// </summary>
internal sealed class ChunkScratch
{
    /// <summary>Users per chunk.</summary>
    public const int Users = 128;

    private ChunkScratch(int width)
    {
        Width = width;
        Utilities = new double[Users * width];
        Weights = new double[Choice.LogitKernel.ScratchLength(Users, width)];
        Counts = new int[Users];
        Sets = new int[Users];
        Segments = new int[Users];
        Rows = new int[Users];
        HeldAt = new int[Users];
        Alpha = new double[Users];
        Uniform = new double[Users];
        ChoiceDraw = new double[Users];
        Chosen = new int[Users];
        LogSum = new double[Users];
    }

    /// <summary>Options per user row (the most any user has).</summary>
    public int Width { get; }

    /// <summary>[option × Stride + user]: each user's utilities, −infinity from its own count up to the options of its
    /// vector (<see cref="Choice.LogitKernel.OptionsOfUser"/>); rows beyond those hold whatever an earlier chunk left.</summary>
    public double[] Utilities { get; }

    /// <summary>Users per option row of the current chunk: its users rounded up to whole vectors (<see cref="Begin"/>).</summary>
    public int Stride { get; private set; }

    /// <summary>The kernel's weights ([option × Stride + user]) and then each user's sum of them.</summary>
    public double[] Weights { get; }

    /// <summary>Options of each user.</summary>
    public int[] Counts { get; }

    /// <summary>Option set (location and device) of each user.</summary>
    public int[] Sets { get; }

    /// <summary>Segment of each user (see <see cref="UserSegment"/>).</summary>
    public int[] Segments { get; }

    /// <summary>First entry of each user's row of the month's table.</summary>
    public int[] Rows { get; }

    /// <summary>Position of each user's portfolio among its options, −1 when its option set cannot buy it.</summary>
    public int[] HeldAt { get; }

    /// <summary>Price sensitivity of each user.</summary>
    public double[] Alpha { get; }

    /// <summary>Choice draw of each user who reviews, NaN for the others.</summary>
    public double[] Uniform { get; }

    /// <summary>Each user's choice draw of the month, whether it reviews or not (see <see cref="Uniform"/>).</summary>
    public double[] ChoiceDraw { get; }

    /// <summary>Position of the chosen option among the user's options, −1 without a review.</summary>
    public int[] Chosen { get; }

    /// <summary>Each user's log-sum.</summary>
    public double[] LogSum { get; }

    /// <summary>Starts a chunk of <paramref name="users"/> users: sets <see cref="Stride"/>, and
    /// pads the chunk to whole vectors with users whose numbers are finite and ignored (utility 0 in every row, one option,
    /// price sensitivity 1, no review).</summary>
    public void Begin(int users)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(users, Users);
        Stride = (users + Choice.LogitKernel.Lane - 1) / Choice.LogitKernel.Lane * Choice.LogitKernel.Lane;
        for (var j = users; j < Stride; j++)
        {
            for (var k = 0; k < Width; k++) Utilities[(k * Stride) + j] = 0;
            Counts[j] = 1;
            Alpha[j] = 1;
            Uniform[j] = double.NaN;
        }
    }

    /// <summary>The scratch in <paramref name="slot"/>, made (or remade) for rows of <paramref name="width"/> options.</summary>
    public static ChunkScratch For(ref ChunkScratch? slot, int width)
    {
        if (slot is null || slot.Width != width) slot = new ChunkScratch(width);
        return slot;
    }
}

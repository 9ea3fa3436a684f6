using MarketSim.Cluster;

namespace MarketSim.Experiments.Tests.Cluster;

public class WorkQueueTests
{
    private static readonly string[] Runs = ["r0", "r1", "r2", "r3", "r4"];

    private static string RunOf(WorkOffer offer) => Assert.IsType<WorkOffer.Run>(offer).RunId;

    [Fact]
    public void Workers_pull_runs_in_plan_order_whoever_asks()
    {
        var queue = new WorkQueue(Runs, []);
        Assert.Equal("r0", RunOf(queue.Next("a")));
        Assert.Equal("r1", RunOf(queue.Next("b")));
        Assert.Equal("r2", RunOf(queue.Next("a")));
        Assert.Equal((5, 0, 2, 3), (queue.Total, queue.Done, queue.Pending, queue.InFlight));
        Assert.Equal(["r0", "r2"], queue.AssignedTo("a"));
    }

    [Fact]
    public void A_worker_is_told_to_wait_while_the_last_runs_are_in_flight_elsewhere_and_finished_at_the_end()
    {
        var queue = new WorkQueue(["r0", "r1"], []);
        queue.Next("a");
        queue.Next("b");
        Assert.IsType<WorkOffer.Wait>(queue.Next("c"));
        Assert.Equal(Completion.Accepted, queue.Complete("r0"));
        Assert.IsType<WorkOffer.Wait>(queue.Next("a"));
        Assert.Equal(Completion.Accepted, queue.Complete("r1"));
        Assert.True(queue.IsFinished);
        Assert.IsType<WorkOffer.Finished>(queue.Next("c"));
    }

    [Fact]
    public void The_runs_of_a_lost_worker_go_back_to_the_front_of_the_queue_in_plan_order()
    {
        var queue = new WorkQueue(Runs, []);
        queue.Next("a");                       // r0
        queue.Next("lost");                    // r1
        queue.Next("a");                       // r2
        queue.Next("lost");                    // r3
        queue.Complete("r0");
        Assert.Equal(["r1", "r3"], queue.Release("lost"));
        Assert.Empty(queue.AssignedTo("lost"));
        Assert.Equal("r1", RunOf(queue.Next("b")));
        Assert.Equal("r3", RunOf(queue.Next("b")));
        Assert.Equal("r4", RunOf(queue.Next("a")));
        Assert.Empty(queue.Release("lost"));   // released twice: nothing more to give back
    }

    [Fact]
    public void A_second_result_of_a_run_is_ignored_so_nothing_is_written_twice()
    {
        var queue = new WorkQueue(Runs, []);
        queue.Next("slow");                    // r0
        queue.Release("slow");                 // presumed lost...
        queue.Next("fast");                    // ...r0 again
        Assert.Equal(Completion.Accepted, queue.Complete("r0"));
        Assert.Equal(Completion.AlreadyDone, queue.Complete("r0"));   // the slow one was alive after all
        Assert.Equal(1, queue.Done);
        Assert.Equal(0, queue.InFlight);
    }

    [Fact]
    public void A_late_result_from_a_lost_worker_counts_if_it_is_the_first_and_the_run_leaves_the_queue()
    {
        var queue = new WorkQueue(["r0", "r1"], []);
        queue.Next("lost");                    // r0
        queue.Release("lost");                 // r0 pending again
        Assert.Equal(Completion.Accepted, queue.Complete("r0"));
        Assert.Equal("r1", RunOf(queue.Next("b")));   // r0 is not handed out again
        queue.Complete("r1");
        Assert.True(queue.IsFinished);
    }

    [Fact]
    public void Results_of_runs_outside_the_sweep_are_unknown()
    {
        var queue = new WorkQueue(Runs, []);
        Assert.Equal(Completion.Unknown, queue.Complete("p999-base-r000"));
        Assert.Equal(0, queue.Done);
    }

    [Fact]
    public void A_resumed_sweep_hands_out_only_the_runs_without_a_file()
    {
        var queue = new WorkQueue(Runs, ["r0", "r2", "r4"]);
        Assert.Equal((3, 2), (queue.Done, queue.Pending));
        Assert.True(queue.IsDone("r2"));
        Assert.Equal("r1", RunOf(queue.Next("a")));
        Assert.Equal("r3", RunOf(queue.Next("a")));
        Assert.IsType<WorkOffer.Wait>(queue.Next("a"));
    }

    [Fact]
    public void A_sweep_resumed_with_every_file_present_is_finished_at_once()
    {
        var queue = new WorkQueue(Runs, Runs);
        Assert.True(queue.IsFinished);
        Assert.IsType<WorkOffer.Finished>(queue.Next("a"));
    }

    [Fact]
    public void Run_ids_must_be_unique()
        => Assert.Throws<ArgumentException>(() => new WorkQueue(["r0", "r0"], []));
}

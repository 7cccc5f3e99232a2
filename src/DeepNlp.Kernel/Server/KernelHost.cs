using System.Runtime.InteropServices;
using DeepNlp.Kernel.Execution;
using DeepNlp.Kernel.Protocol;
using NetMQ;

namespace DeepNlp.Kernel.Server;

/// <summary>Runs a kernel process from a connection file until Jupyter shuts it down (<c>course kernel start</c>).</summary>
public static class KernelHost
{
    /// <summary>Binds, serves, and returns when a <c>shutdown_request</c> has been answered.</summary>
    /// <param name="connectionFile">The connection file Jupyter passes as <c>{connection_file}</c>.</param>
    /// <param name="runner">Runs the cells; disposed when the kernel stops.</param>
    /// <param name="log">Where the kernel logs (stderr; Jupyter shows it in its own log).</param>
    /// <returns>The process exit code: 0 after a shutdown, 1 when the connection file is unusable.</returns>
    /// <remarks>The kernel also stops when the process named by <c>JPY_PARENT_PID</c> (the Jupyter server that started it)
    /// is gone, so a crashed front end leaves no orphan kernels. SIGINT interrupts the running cell instead of ending the process, for front ends that interrupt
    /// with a signal (the kit's kernelspec asks for interrupt_request messages instead). Executed inputs are kept for
    /// history requests in <c>JUPYTER_DATA_DIR/deepnlp-csharp/history.jsonl</c> (the latest 1000).</remarks>
    public static int Run(string connectionFile, ICodeRunner runner, TextWriter log)
    {
        ConnectionInfo connection;
        try
        {
            connection = ConnectionInfo.Load(connectionFile);
        }
        catch (Exception e) when (e is IOException or InvalidDataException)
        {
            log.WriteLine($"[kernel] {e.Message}");
            runner.Dispose();
            return 1;
        }
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, context =>
        {
            context.Cancel = true;
            runner.Interrupt();
        });
        try
        {
            using (var server = new KernelServer(connection, runner, log, InputHistory.DefaultFile()))
            {
                server.Start();
                log.WriteLine($"[kernel] serving {connection.Endpoint(connection.ShellPort)} (protocol {MessageHeader.ProtocolVersion})");
                var parent = ParentProcessId();
                while (!server.WaitForShutdown(TimeSpan.FromSeconds(2)))
                {
                    if (parent is { } pid && !IsAlive(pid))
                    {
                        log.WriteLine($"[kernel] the Jupyter process {pid} that started this kernel is gone; shutting down");
                        runner.Interrupt();
                        break;
                    }
                }
            }
            return 0;
        }
        finally
        {
            runner.Dispose();
            NetMQConfig.Cleanup(block: true);
        }
    }

    /// <summary>The process that launched the kernel, as jupyter_client passes it in <c>JPY_PARENT_PID</c> (as ipykernel reads it).</summary>
    private static int? ParentProcessId() =>
        int.TryParse(Environment.GetEnvironmentVariable("JPY_PARENT_PID"), System.Globalization.NumberStyles.Integer,
            System.Globalization.CultureInfo.InvariantCulture, out var pid) && pid > 1 ? pid : null;

    private static bool IsAlive(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}

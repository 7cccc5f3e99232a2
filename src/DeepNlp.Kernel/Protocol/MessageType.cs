namespace DeepNlp.Kernel.Protocol;

/// <summary>The message types of the Jupyter messaging protocol 5.3 that the kit's kernel sends or understands.</summary>
/// <remarks>On the wire each name is written in snake_case (<see cref="ExecuteRequest"/> is <c>execute_request</c>);
/// <see cref="KernelJson"/> does the mapping. Spec: jupyter-client.readthedocs.io, "Messaging in Jupyter".</remarks>
public enum MessageType
{
    /// <summary>Shell/control: asks for the kernel's identity and language.</summary>
    KernelInfoRequest,
    /// <summary>Reply to <see cref="KernelInfoRequest"/>.</summary>
    KernelInfoReply,
    /// <summary>Shell: run a cell.</summary>
    ExecuteRequest,
    /// <summary>Reply to <see cref="ExecuteRequest"/>, sent after every output of the cell.</summary>
    ExecuteReply,
    /// <summary>Shell: is this code a complete statement, or does it need more lines?</summary>
    IsCompleteRequest,
    /// <summary>Reply to <see cref="IsCompleteRequest"/>.</summary>
    IsCompleteReply,
    /// <summary>Shell: completions at a cursor.</summary>
    CompleteRequest,
    /// <summary>Reply to <see cref="CompleteRequest"/>.</summary>
    CompleteReply,
    /// <summary>Shell: signature and documentation of the symbol at a cursor.</summary>
    InspectRequest,
    /// <summary>Reply to <see cref="InspectRequest"/>.</summary>
    InspectReply,
    /// <summary>Shell: past inputs of this kernel session (tail, range or glob search).</summary>
    HistoryRequest,
    /// <summary>Reply to <see cref="HistoryRequest"/>.</summary>
    HistoryReply,
    /// <summary>Shell: open comms (the kit has none).</summary>
    CommInfoRequest,
    /// <summary>Reply to <see cref="CommInfoRequest"/>.</summary>
    CommInfoReply,
    /// <summary>Control: stop the running cell.</summary>
    InterruptRequest,
    /// <summary>Reply to <see cref="InterruptRequest"/>.</summary>
    InterruptReply,
    /// <summary>Control (or shell, from old clients): shut down, possibly to be restarted.</summary>
    ShutdownRequest,
    /// <summary>Reply to <see cref="ShutdownRequest"/>.</summary>
    ShutdownReply,
    /// <summary>IOPub: the kernel is busy, idle or starting.</summary>
    Status,
    /// <summary>IOPub: the code of a cell being run, with its execution count.</summary>
    ExecuteInput,
    /// <summary>IOPub: text written to stdout or stderr.</summary>
    Stream,
    /// <summary>IOPub: a rich output (MIME bundle), possibly with a display id.</summary>
    DisplayData,
    /// <summary>IOPub: new contents for an earlier display with the same display id.</summary>
    UpdateDisplayData,
    /// <summary>IOPub: the value of a cell's trailing expression.</summary>
    ExecuteResult,
    /// <summary>IOPub: a cell failed (ename, evalue, traceback).</summary>
    Error,
    /// <summary>IOPub: clear the output area of the cell.</summary>
    ClearOutput,
    /// <summary>Stdin: the kernel asks the front end for a line of input.</summary>
    InputRequest,
    /// <summary>Stdin: the front end's answer to <see cref="InputRequest"/>.</summary>
    InputReply,
    /// <summary>Shell: a front end opens a comm (the kit has no comm targets and closes it).</summary>
    CommOpen,
    /// <summary>Shell: a message on a comm.</summary>
    CommMsg,
    /// <summary>Shell or IOPub: a comm is closed.</summary>
    CommClose,
}

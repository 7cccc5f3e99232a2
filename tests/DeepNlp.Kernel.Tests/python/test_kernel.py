"""Checks the kit's C# kernel with jupyter_kernel_test (Debian: python3-jupyter-kernel-test), through jupyter_client.

Run by tests/DeepNlp.Kernel.Tests (JupyterClientTests), which installs the kernelspec into a temporary prefix and
sets JUPYTER_PATH. By hand, after `course kernel install --user`:

    python3 -m unittest -v test_kernel
"""
import os
import unittest

import jupyter_kernel_test
from jupyter_client.manager import start_new_kernel

KERNEL_NAME = os.environ.get("DEEPNLP_KERNEL_NAME", "deepnlp-csharp")
TIMEOUT = 60


class CourseKernelTests(jupyter_kernel_test.KernelTests):
    kernel_name = KERNEL_NAME
    language_name = "C#"
    file_extension = ".cs"

    code_hello_world = 'Console.WriteLine("hello, world");'
    code_stderr = 'Console.Error.WriteLine("careful");'

    completion_samples = [
        {"text": "Console.WriteLi", "matches": {"WriteLine"}},
        {"text": "System.Collections.Gen", "matches": {"Generic"}},
        {"text": "var numbers = new List<int>(); numbers."},
    ]

    complete_code_samples = ["var x = 1;", "Console.WriteLine(1);", "1 + 1", "#r \"nuget: Plotly.NET.Interactive\""]
    incomplete_code_samples = ["for (var i = 0; i < 3; i++) {", "var s = \"open", "int Square(int v) =>"]
    invalid_code_samples = ["var x = ;"]

    code_generate_error = 'throw new InvalidOperationException("boom");'

    code_execute_result = [
        {"code": "6 * 7", "result": "42"},
        {"code": "Enumerable.Range(1, 4).Sum()", "result": "10"},
    ]

    code_display_data = [
        {"code": 'display(HTML("<b>bold</b>"));', "mime": "text/html"},
        {"code": 'display("plain text");', "mime": "text/plain"},
    ]

    code_inspect_sample = "Math.Max"

    # history_request: the kernel keeps this session's inputs (tail, range, glob search over the whole input).
    supported_history_operations = ("tail", "range", "search")
    code_history_pattern = "6*7"

    @classmethod
    def setUpClass(cls):
        cls.km, cls.kc = start_new_kernel(kernel_name=cls.kernel_name, startup_timeout=TIMEOUT)
        # The first cell loads the C# compiler; give it longer than the suite's 15 s per reply on a busy CI machine.
        cls.kc.execute_interactive("0", timeout=TIMEOUT)

    def test_state_carries_across_cells(self):
        self.flush_channels()
        reply, _ = self.execute_helper("var carried = 20;")
        self.assertEqual(reply["content"]["status"], "ok")
        reply, output = self.execute_helper("carried + 22")
        results = [m for m in output if m["msg_type"] == "execute_result"]
        self.assertEqual([r["content"]["data"]["text/plain"] for r in results], ["42"])

    def test_display_update_keeps_display_id(self):
        self.flush_channels()
        reply, output = self.execute_helper('var view = display("step 0"); view.Update("step 1");')
        self.assertEqual(reply["content"]["status"], "ok")
        shown = [m for m in output if m["msg_type"] == "display_data"]
        updated = [m for m in output if m["msg_type"] == "update_display_data"]
        self.assertEqual(len(shown), 1)
        self.assertEqual(len(updated), 1)
        self.assertEqual(shown[0]["content"]["transient"]["display_id"], updated[0]["content"]["transient"]["display_id"])
        self.assertEqual(updated[0]["content"]["data"]["text/plain"], "step 1")

    def test_interrupt_keeps_state(self):
        self.flush_channels()
        self.execute_helper("var kept = 41;")
        msg_id = self.kc.execute('Console.WriteLine("started"); while (true) Thread.Sleep(20);')
        while True:  # wait until the loop runs
            msg = self.kc.get_iopub_msg(timeout=TIMEOUT)
            if msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == "stream":
                break
        self.km.interrupt_kernel()
        reply = self.get_non_kernel_info_reply(timeout=TIMEOUT)
        self.assertEqual(reply["parent_header"]["msg_id"], msg_id)
        self.assertEqual(reply["content"]["status"], "error")
        self.flush_channels()
        reply, output = self.execute_helper("kept + 1")
        results = [m for m in output if m["msg_type"] == "execute_result"]
        self.assertEqual([r["content"]["data"]["text/plain"] for r in results], ["42"])

    def wait_for_reply(self, msg_id):
        while True:
            reply = self.get_non_kernel_info_reply(timeout=TIMEOUT)
            if reply["parent_header"].get("msg_id") == msg_id:
                return reply

    def test_console_readline_asks_the_client_on_stdin(self):
        self.flush_channels()
        msg_id = self.kc.execute("var answer = Console.ReadLine(); answer.ToUpperInvariant()", allow_stdin=True)
        request = self.kc.get_stdin_msg(timeout=TIMEOUT)
        # Not validate_message: its msgspec types "password" as a number, which a JSON boolean is not.
        self.assertEqual(request["msg_type"], "input_request")
        self.assertEqual(request["parent_header"]["msg_id"], msg_id)
        self.assertEqual(request["content"]["prompt"], "")
        self.assertFalse(request["content"]["password"])
        self.kc.input("ada")
        reply = self.wait_for_reply(msg_id)
        self.assertEqual(reply["content"]["status"], "ok")
        results = []
        while True:
            msg = self.kc.get_iopub_msg(timeout=TIMEOUT)
            if msg["parent_header"].get("msg_id") != msg_id:
                continue
            if msg["msg_type"] == "execute_result":
                results.append(msg["content"]["data"]["text/plain"])
            if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
                break
        self.assertEqual(results, ["ADA"])

    def test_console_readline_without_allow_stdin_fails_at_once(self):
        self.flush_channels()
        msg_id = self.kc.execute("Console.ReadLine();", allow_stdin=False)
        reply = self.wait_for_reply(msg_id)
        self.assertEqual(reply["content"]["status"], "error")
        self.assertEqual(reply["content"]["ename"], "InvalidOperationException")
        self.assertIn("allow_stdin is false", reply["content"]["evalue"])

    def test_heartbeat_is_alive(self):
        self.assertTrue(self.km.is_alive())
        self.assertTrue(self.kc.is_alive())


class CourseKernelRestartTests(unittest.TestCase):
    """Restart through jupyter_client: shutdown_request with restart, a new process on the same ports, fresh state."""

    def test_restart_clears_state(self):
        km, kc = start_new_kernel(kernel_name=KERNEL_NAME, startup_timeout=TIMEOUT)
        try:
            reply = kc.execute_interactive("var before = 1;", timeout=TIMEOUT)
            self.assertEqual(reply["content"]["status"], "ok")
            km.restart_kernel(now=False)
            kc.wait_for_ready(timeout=TIMEOUT)
            reply = kc.execute_interactive("before", timeout=TIMEOUT)
            self.assertEqual(reply["content"]["status"], "error")
            self.assertEqual(reply["content"]["ename"], "CompilationError")
        finally:
            kc.stop_channels()
            km.shutdown_kernel(now=False)


if __name__ == "__main__":
    unittest.main()

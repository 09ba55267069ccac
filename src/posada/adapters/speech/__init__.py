"""Offline speech recognition of guests' voice notes: PyAV decoding, faster-whisper.

``decode.decode_audio`` turns a voice note's bytes into 16 kHz mono samples;
``whisper.WhisperTranscriber`` transcribes them off the event loop with a local model that
``model.install_model`` assembles from PyPI packages; ``fake.FakeTranscriber`` stands in for
it in tests. Every failure is a ``SpeechFailed`` with a stable code.
"""

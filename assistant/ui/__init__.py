"""The Gradio UI: a thin layer over the Assistant, rendering its answers and views as HTML."""

<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>ActivationView</name>
    <message numerus="yes">
        <location filename="../../desktop/activation_view.py" line="217"/>
        <source>the other %Ln unit(s): {0:+.3f}; bias b2[{1}]: {2:+.3f}; score of {1}: {3:.3f}</source>
        <translation>
            <numerusform>the other %Ln unit: {0:+.3f}; bias b2[{1}]: {2:+.3f}; score of {1}: {3:.3f}</numerusform>
            <numerusform>the other %Ln units: {0:+.3f}; bias b2[{1}]: {2:+.3f}; score of {1}: {3:.3f}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ComparePage</name>
    <message numerus="yes">
        <location filename="../../desktop/compare_page.py" line="151"/>
        <source>Change one setting on the Training page, then add it here: up to %Ln runs.</source>
        <translation>
            <numerusform>Change one setting on the Training page, then add it here: up to %Ln runs.</numerusform>
            <numerusform>Change one setting on the Training page, then add it here: up to %Ln runs.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ConfusionView</name>
    <message numerus="yes">
        <location filename="../../desktop/confusion_view.py" line="179"/>
        <source>%Ln test digit(s) {0} read correctly</source>
        <translation>
            <numerusform>%Ln test digit {0} read correctly</numerusform>
            <numerusform>%Ln test digits {0} read correctly</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/confusion_view.py" line="181"/>
        <source>%Ln test digit(s) {0} read as {1}</source>
        <translation>
            <numerusform>%Ln test digit {0} read as {1}</numerusform>
            <numerusform>%Ln test digits {0} read as {1}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>InsideFlow</name>
    <message numerus="yes">
        <location filename="../../desktop/inside_flow.py" line="223"/>
        <source>the last step&apos;s mini-batch (%Ln digit(s))</source>
        <translation>
            <numerusform>the last step&apos;s mini-batch (%Ln digit)</numerusform>
            <numerusform>the last step&apos;s mini-batch (%Ln digits)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/inside_flow.py" line="229"/>
        <source>%Ln training digit(s) picked at random</source>
        <translation>
            <numerusform>%Ln training digit picked at random</numerusform>
            <numerusform>%Ln training digits picked at random</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/inside_flow.py" line="253"/>
        <source>This network uses ReLU, which has a kink at 0: %Ln of its hidden sums on this batch lie within 1e-4 of it, where the numerical difference straddles the kink and so differs from the slope backprop uses. The lesson&apos;s sigmoid network has no kink.</source>
        <translation>
            <numerusform>This network uses ReLU, which has a kink at 0: %Ln of its hidden sums on this batch lie within 1e-4 of it, where the numerical difference straddles the kink and so differs from the slope backprop uses. The lesson&apos;s sigmoid network has no kink.</numerusform>
            <numerusform>This network uses ReLU, which has a kink at 0: %Ln of its hidden sums on this batch lie within 1e-4 of it, where the numerical difference straddles the kink and so differs from the slope backprop uses. The lesson&apos;s sigmoid network has no kink.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>InsidePage</name>
    <message numerus="yes">
        <location filename="../../desktop/inside_page.py" line="266"/>
        <source>{0} read correctly: %Ln digit(s)</source>
        <translation>
            <numerusform>{0} read correctly: %Ln digit</numerusform>
            <numerusform>{0} read correctly: %Ln digits</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/inside_page.py" line="267"/>
        <source>{0} read as {1}: %Ln digit(s)</source>
        <translation>
            <numerusform>{0} read as {1}: %Ln digit</numerusform>
            <numerusform>{0} read as {1}: %Ln digits</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SampleGrid</name>
    <message numerus="yes">
        <location filename="../../desktop/sample_grid.py" line="123"/>
        <source>%Ln test digits</source>
        <translation>
            <numerusform>%Ln test digit</numerusform>
            <numerusform>%Ln test digits</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/sample_grid.py" line="126"/>
        <source>{wrong} of {total} test digits are wrong; %Ln shown</source>
        <translation>
            <numerusform>{wrong} of {total} test digit are wrong; %Ln shown</numerusform>
            <numerusform>{wrong} of {total} test digits are wrong; %Ln shown</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/sample_grid.py" line="132"/>
        <source>{wrong} of %Ln wrong</source>
        <translation>
            <numerusform>{wrong} of %Ln wrong</numerusform>
            <numerusform>{wrong} of %Ln wrong</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/sample_grid.py" line="133"/>
        <source>all %Ln right</source>
        <translation>
            <numerusform>%Ln right</numerusform>
            <numerusform>all %Ln right</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>StepView</name>
    <message numerus="yes">
        <location filename="../../desktop/step_view.py" line="74"/>
        <source>The mini-batch: %Ln digit(s), each with its label → the guess before the step; {0} wrong</source>
        <translation>
            <numerusform>The mini-batch: %Ln digit, each with its label → the guess before the step; {0} wrong</numerusform>
            <numerusform>The mini-batch: %Ln digits, each with its label → the guess before the step; {0} wrong</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TrainingFlow</name>
    <message numerus="yes">
        <location filename="../../desktop/run_flow.py" line="210"/>
        <source>%Ln iterations in {time}</source>
        <translation>
            <numerusform>%Ln iteration in {time}</numerusform>
            <numerusform>%Ln iterations in {time}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/run_flow.py" line="227"/>
        <source>Training diverged after %Ln iterations: the loss or the weights stopped being numbers a network can learn with, at learning rate {lr}; try a smaller learning rate, such as {smaller}.</source>
        <translation>
            <numerusform>Training diverged after %Ln iteration: the loss or the weights stopped being numbers a network can learn with, at learning rate {lr}; try a smaller learning rate, such as {smaller}.</numerusform>
            <numerusform>Training diverged after %Ln iterations: the loss or the weights stopped being numbers a network can learn with, at learning rate {lr}; try a smaller learning rate, such as {smaller}.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/run_flow.py" line="238"/>
        <source>Reached {acc} test accuracy after %Ln iterations.</source>
        <translation>
            <numerusform>Reached {acc} test accuracy after %Ln iteration.</numerusform>
            <numerusform>Reached {acc} test accuracy after %Ln iterations.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/run_flow.py" line="244"/>
        <source>Done after %Ln iterations.</source>
        <translation>
            <numerusform>Done after %Ln iteration.</numerusform>
            <numerusform>Done after %Ln iterations.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/run_flow.py" line="246"/>
        <source>Stopped after %Ln iterations.</source>
        <translation>
            <numerusform>Stopped after %Ln iteration.</numerusform>
            <numerusform>Stopped after %Ln iterations.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/run_flow.py" line="252"/>
        <source>Done after %Ln iterations: {acc} of the test digits right.</source>
        <translation>
            <numerusform>Done after %Ln iteration: {acc} of the test digit right.</numerusform>
            <numerusform>Done after %Ln iterations: {acc} of the test digits right.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/run_flow.py" line="256"/>
        <source>Stopped after %Ln iterations: {acc} of the test digits right.</source>
        <translation>
            <numerusform>Stopped after %Ln iteration: {acc} of the test digit right.</numerusform>
            <numerusform>Stopped after %Ln iterations: {acc} of the test digits right.</numerusform>
        </translation>
    </message>
</context>
</TS>
